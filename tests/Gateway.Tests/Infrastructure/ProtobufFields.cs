namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Reads the fields of one protobuf message (wire format only, no schema): enough to decode the few OTLP fields the
/// tracing tests assert on without generated types (no OTLP proto package is served here).
/// </summary>
public static class ProtobufFields
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    /// <summary>One field: its number, its varint value (wire type 0) or its bytes (wire type 2, also the fixed types).</summary>
    public readonly record struct Field(int Number, ulong Value, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);

        public string Hex => Convert.ToHexStringLower(Bytes.Span);
    }

    public static IEnumerable<Field> Read(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message.Span, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case Varint:
                    yield return new Field(number, ReadVarint(message.Span, ref position), ReadOnlyMemory<byte>.Empty);
                    break;
                case LengthDelimited:
                    var length = (int)ReadVarint(message.Span, ref position);
                    yield return new Field(number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case Fixed64:
                    yield return new Field(number, 0, message.Slice(position, 8));
                    position += 8;
                    break;
                case Fixed32:
                    yield return new Field(number, 0, message.Slice(position, 4));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7} of field {number} at byte {position}.");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = bytes[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }
}

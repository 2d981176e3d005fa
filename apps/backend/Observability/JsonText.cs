using System.Buffers;
using System.Globalization;

namespace Gateway.Observability;

/// <summary>JSON string escaping exactly as Serilog's <c>JsonValueFormatter</c> escapes, for text written without a string.</summary>
internal static class JsonText
{
    /// <summary>What Serilog escapes: the double quote, the backslash and the control characters below U+0020.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\" + string.Concat(Enumerable.Range(0, 32).Select(code => (char)code)));

    public static void WriteEscaped(ReadOnlySpan<char> text, TextWriter output)
    {
        for (var next = text.IndexOfAny(Escaped); next >= 0; next = text.IndexOfAny(Escaped))
        {
            output.Write(text[..next]);
            WriteEscape(text[next], output);
            text = text[(next + 1)..];
        }

        output.Write(text);
    }

    private static void WriteEscape(char c, TextWriter output)
    {
        switch (c)
        {
            case '"':
                output.Write("\\\"");
                break;
            case '\\':
                output.Write("\\\\");
                break;
            case '\n':
                output.Write("\\n");
                break;
            case '\r':
                output.Write("\\r");
                break;
            case '\f':
                output.Write("\\f");
                break;
            case '\t':
                output.Write("\\t");
                break;
            default:
                output.Write("\\u");
                output.Write(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                break;
        }
    }
}

namespace Gateway.Tests.Infrastructure;

/// <summary>The fields of an OTLP span that the tracing tests look at (ids as lower-case hex).</summary>
public sealed record OtlpSpan(
    string ServiceName,
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    OtlpSpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Decodes an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) body.</summary>
    public static IEnumerable<OtlpSpan> Decode(ReadOnlyMemory<byte> exportTraceServiceRequest)
    {
        // ExportTraceServiceRequest.resource_spans = 1
        foreach (var resourceSpans in Fields(exportTraceServiceRequest, 1))
        {
            // ResourceSpans.resource = 1 (Resource.attributes = 1), ResourceSpans.scope_spans = 2
            var resource = Fields(resourceSpans, 1).SelectMany(r => KeyValues(r, 1)).ToDictionary();
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                // ScopeSpans.scope = 1 (InstrumentationScope.name = 1), ScopeSpans.spans = 2
                var scope = Fields(scopeSpans, 1).SelectMany(s => ProtobufFields.Read(s)).FirstOrDefault(f => f.Number == 1).Text ?? string.Empty;
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return FromSpan(resource.GetValueOrDefault("service.name", string.Empty), scope, span);
                }
            }
        }
    }

    private static OtlpSpan FromSpan(string serviceName, string scope, ReadOnlyMemory<byte> span)
    {
        // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9
        var fields = ProtobufFields.Read(span).ToList();
        string Hex(int number) => fields.FirstOrDefault(f => f.Number == number).Hex ?? string.Empty;
        return new OtlpSpan(
            serviceName,
            scope,
            Hex(1),
            Hex(2),
            Hex(4),
            fields.FirstOrDefault(f => f.Number == 5).Text ?? string.Empty,
            (OtlpSpanKind)fields.FirstOrDefault(f => f.Number == 6).Value,
            KeyValues(span, 9).ToDictionary());
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        ProtobufFields.Read(message).Where(field => field.Number == number).Select(field => field.Bytes);

    // KeyValue: key = 1, value = 2 (AnyValue: string_value = 1, bool_value = 2, int_value = 3); other kinds read as "".
    private static IEnumerable<KeyValuePair<string, string>> KeyValues(ReadOnlyMemory<byte> message, int number) =>
        Fields(message, number).Select(keyValue =>
        {
            var fields = ProtobufFields.Read(keyValue).ToList();
            var value = fields.Where(f => f.Number == 2).SelectMany(f => ProtobufFields.Read(f.Bytes)).FirstOrDefault();
            var text = value.Number switch
            {
                1 => value.Text,
                2 or 3 => value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => string.Empty,
            };
            return KeyValuePair.Create(fields.First(f => f.Number == 1).Text, text);
        });
}

/// <summary>OTLP's Span.SpanKind values.</summary>
public enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

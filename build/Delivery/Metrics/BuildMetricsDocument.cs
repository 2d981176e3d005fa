using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Metrics;

/// <summary>
/// artifacts/build-metrics.json: one run's targets and, when it built or pushed one, the gateway image. Written on
/// every run, a failed one too, so dashboards see failures and their durations. docs/operations.md lists every field.
/// </summary>
public sealed record BuildMetricsDocument(RunMetrics Run, IReadOnlyList<TargetMetrics> Targets, ImageMetrics? Image)
{
    /// <summary>Raised when a field changes meaning or goes away; added fields keep the version.</summary>
    [JsonPropertyOrder(-1)]
    public int SchemaVersion => 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // References and notes stay readable ("+", "'" unescaped); the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";
}

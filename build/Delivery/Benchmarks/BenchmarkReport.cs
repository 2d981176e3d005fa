using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Benchmarks;

/// <summary>One measured figure, with its unit and how it was measured.</summary>
public sealed record BenchmarkFigure(string Name, double Value, string Unit, string Method);

/// <summary>artifacts/benchmarks.json: the machine, when and at which commit, and the figures.</summary>
public sealed record BenchmarkReport(MachineFingerprint Machine, DateTimeOffset Measured, string Commit, IReadOnlyList<BenchmarkFigure> Figures)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static BenchmarkReport FromJson(string json) =>
        JsonSerializer.Deserialize<BenchmarkReport>(json, Options)
        ?? throw new JsonException("The benchmark report is empty.");
}

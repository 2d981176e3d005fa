using System.Text.Json;
using System.Text.Json.Serialization;
using Delivery.Metrics;
using Tooling;

namespace Delivery.Reproducibility;

/// <summary>
/// artifacts/reproducibility.json: for one commit built twice, per platform the two manifest digests, whether they
/// match, and what differs where they do not. CI reads <see cref="AllIdentical"/> to pass or fail, and people read the
/// differences to find what made the build unreproducible.
/// </summary>
public sealed record ReproducibilityReport(string Commit, IReadOnlyList<ImageDifference> Platforms)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // File paths and config values go into the report as they are; '+' and '<' need no escaping in a file.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every platform identical; a report that compared no platform proves nothing and is not.</summary>
    [JsonIgnore]
    public bool AllIdentical => Platforms.Count > 0 && Platforms.All(platform => platform.Identical);

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Through a temporary file and a rename, so CI never uploads half a report.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    public static ReproducibilityReport Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<ReproducibilityReport>(File.ReadAllText(path), Options)
              ?? throw new BuildFailedException($"{path} is empty: write it again by comparing the two builds.")
            : throw new BuildFailedException($"{path} does not exist: compare the two builds first.");
}

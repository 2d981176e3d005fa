using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Versioning;

/// <summary>
/// The variables GitVersion computes for the checked-out commit (the subset the build uses), as printed by
/// <c>gitversion /output json</c>. <see cref="SemVer"/> is the one to use as a Docker tag: FullSemVer and
/// InformationalVersion may contain <c>+</c>, which Docker's tag grammar forbids.
/// </summary>
public sealed record GitVersionResult
{
    public required string SemVer { get; init; }
    public required string FullSemVer { get; init; }
    public required string MajorMinorPatch { get; init; }
    public required string InformationalVersion { get; init; }
    public required string AssemblySemVer { get; init; }
    public required string AssemblySemFileVer { get; init; }
    public required string BranchName { get; init; }
    public required string EscapedBranchName { get; init; }
    public required string Sha { get; init; }
    public required string ShortSha { get; init; }
    public string PreReleaseTag { get; init; } = "";
    public string PreReleaseLabel { get; init; } = "";
    public int Major { get; init; }
    public int Minor { get; init; }
    public int Patch { get; init; }
    public string? CommitDate { get; init; }
    public int? CommitsSinceVersionSource { get; init; }

    [JsonIgnore]
    public bool IsPreRelease => PreReleaseTag.Length > 0;

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>Reads GitVersion's JSON output; fails naming what is missing rather than returning half a version.</summary>
    public static GitVersionResult Parse(string json)
    {
        // Only the JSON object: a warning GitVersion prints first must not break the parse.
        var start = json.IndexOf('{', StringComparison.Ordinal);
        var end = json.LastIndexOf('}');
        try
        {
            if (start < 0 || end < start)
            {
                throw new JsonException("no JSON object in the output.");
            }

            return JsonSerializer.Deserialize<GitVersionResult>(json[start..(end + 1)], JsonOptions)
                ?? throw new JsonException("GitVersion printed 'null'.");
        }
        catch (JsonException exception)
        {
            throw new Tooling.BuildFailedException(
                $"GitVersion's output is not the JSON the build expects ({exception.Message}). Output was:{Environment.NewLine}{json}", exception);
        }
    }
}

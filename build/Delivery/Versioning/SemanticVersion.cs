using System.Text.RegularExpressions;

namespace Delivery.Versioning;

/// <summary>
/// A SemVer 2.0 version as docker/metadata-action reads a git tag (node-semver's strict parse): an optional
/// leading <c>v</c>, MAJOR.MINOR.PATCH without leading zeros, an optional pre-release and build metadata.
/// </summary>
public sealed partial record SemanticVersion(int Major, int Minor, int Patch, string PreRelease, string Build, string Raw)
{
    public bool IsPreRelease => PreRelease.Length > 0;

    /// <summary>MAJOR.MINOR.PATCH[-PRERELEASE]: node-semver's <c>version</c>, build metadata dropped.</summary>
    public string Version => $"{Major}.{Minor}.{Patch}" + (IsPreRelease ? "-" + PreRelease : "");

    public static SemanticVersion? TryParse(string text)
    {
        var match = Grammar().Match(text.Trim());
        return match.Success
            && int.TryParse(match.Groups["major"].Value, out var major)
            && int.TryParse(match.Groups["minor"].Value, out var minor)
            && int.TryParse(match.Groups["patch"].Value, out var patch)
            ? new SemanticVersion(major, minor, patch, match.Groups["pre"].Value, match.Groups["build"].Value, text.Trim())
            : null;
    }

    // semver.org's regular expression, with node-semver's optional "v".
    [GeneratedRegex(
        @"^v?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)" +
        @"(?:-(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
        @"(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Grammar();
}

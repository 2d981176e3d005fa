namespace Delivery.MultiArch;

/// <summary>
/// What <c>docker buildx inspect</c> says of the current builder: its driver and the platforms it builds. The
/// <c>docker</c> driver (the engine's own BuildKit, the only one on engine 20.10 without a pullable BuildKit
/// image) builds ONE platform per build and cannot push by digest; docker-container, kubernetes and remote
/// builders build several platforms in one build and push by digest.
/// </summary>
public sealed record BuilderInfo(string Driver, IReadOnlyList<string> Platforms)
{
    public const string DockerDriver = "docker";

    /// <summary>True when the driver can push a build by digest (no tag) and build several platforms at once.</summary>
    public bool IsMultiPlatformDriver => !string.Equals(Driver, DockerDriver, StringComparison.OrdinalIgnoreCase);

    /// <summary>One build for every platform: a multi-platform driver whose nodes list each of them.</summary>
    public bool CanBuildInOne(IReadOnlyList<TargetPlatform> platforms) =>
        IsMultiPlatformDriver && platforms.All(platform => Platforms.Contains(platform.ToString(), StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads the human-readable output of <c>docker buildx inspect</c> (buildx 0.10 to 0.2x).</summary>
    public static BuilderInfo Parse(IEnumerable<string> lines)
    {
        string? driver = null;
        var platforms = new List<string>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "Driver" && driver is null)
            {
                driver = value;
            }
            else if (key == "Platforms")
            {
                // "linux/amd64*, linux/arm64": an asterisk marks platforms set by the user, not a different platform.
                platforms.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(platform => platform.TrimEnd('*')));
            }
        }

        return new BuilderInfo(driver ?? DockerDriver, [.. platforms.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }
}

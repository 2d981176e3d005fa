using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.MultiArch;

/// <summary>
/// One platform an image is built for, as docker's <c>--platform</c> takes it: <c>os/architecture[/variant]</c>
/// (<c>linux/amd64</c>, <c>linux/arm64</c>, <c>linux/arm/v7</c>). <see cref="Slug"/> is the same with dashes, for tags
/// and file names (<c>linux-arm64</c>).
/// </summary>
public sealed partial record TargetPlatform(string Os, string Architecture, string? Variant = null) : IComparable<TargetPlatform>
{
    /// <summary><c>linux-arm64</c>: the per-platform tag suffix and the name of the digest file in artifacts/digests/.</summary>
    public string Slug => Variant is null ? $"{Os}-{Architecture}" : $"{Os}-{Architecture}-{Variant}";

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    public static TargetPlatform Parse(string value)
    {
        var trimmed = value.Trim().ToLowerInvariant();
        var match = Grammar().Match(trimmed);
        if (!match.Success)
        {
            throw new BuildFailedException(
                $"'{value}' is not a platform: use os/architecture[/variant], like linux/amd64 or linux/arm64 (--platforms).");
        }

        return new TargetPlatform(match.Groups["os"].Value, match.Groups["arch"].Value,
            match.Groups["variant"].Success ? match.Groups["variant"].Value : null);
    }

    /// <summary>The platform a digest file name (<see cref="Slug"/>) stands for, or null for a name that is none.</summary>
    public static TargetPlatform? TryParseSlug(string slug)
    {
        var parts = slug.Split('-');
        return parts.Length is 2 or 3 && parts.All(part => PartGrammar().IsMatch(part))
            ? new TargetPlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : null;
    }

    public int CompareTo(TargetPlatform? other) => string.CompareOrdinal(ToString(), other?.ToString());

    [GeneratedRegex("^(?<os>[a-z0-9_]+)/(?<arch>[a-z0-9_]+)(/(?<variant>[a-z0-9_]+))?$")]
    private static partial Regex Grammar();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex PartGrammar();
}

/// <summary>
/// The platforms a build asks for: <c>--platforms linux/amd64,linux/arm64</c> (each value may itself hold commas, as
/// CI passes one string), or the older single <c>--platform</c>; neither means the engine's own (an empty list).
/// </summary>
public static class PlatformSelection
{
    public static IReadOnlyList<TargetPlatform> Resolve(IEnumerable<string>? platforms, string? platform)
    {
        var requested = (platforms ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(TargetPlatform.Parse)
            .Distinct()
            .ToList();
        if (platform is { Length: > 0 })
        {
            var single = TargetPlatform.Parse(platform);
            if (requested.Count > 0 && !(requested.Count == 1 && requested[0] == single))
            {
                throw new BuildFailedException(
                    $"--platform {platform} and --platforms {string.Join(',', requested)} disagree: use --platforms alone (--platform is its one-platform form).");
            }

            return [single];
        }

        return requested;
    }
}

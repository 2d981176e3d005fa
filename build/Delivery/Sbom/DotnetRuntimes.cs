using System.Text.RegularExpressions;

namespace Delivery.Sbom;

/// <summary>A shared framework installed in the image (Microsoft.NETCore.App 10.0.12, …).</summary>
public sealed record DotnetRuntime(string Name, string Version);

/// <summary>Reads <c>dotnet --list-runtimes</c> (<c>Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/…]</c>).</summary>
public static partial class DotnetRuntimes
{
    public static IReadOnlyList<DotnetRuntime> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(line => Line().Match(line.Trim())).Where(match => match.Success)
            .Select(match => new DotnetRuntime(match.Groups["name"].Value, match.Groups["version"].Value))];

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9.]+)\s+(?<version>\d+\.\d+\.\d+\S*)\s+\[")]
    private static partial Regex Line();
}

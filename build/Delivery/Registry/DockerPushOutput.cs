using System.Text.RegularExpressions;

namespace Delivery.Registry;

/// <summary>Reads the manifest digest from docker push's closing line (<c>main: digest: sha256:… size: 1234</c>).</summary>
public static partial class DockerPushOutput
{
    public static string? TryReadDigest(IEnumerable<string> lines) =>
        lines.Select(line => DigestLine().Match(line)).LastOrDefault(match => match.Success)?.Groups["digest"].Value;

    [GeneratedRegex(@"digest:\s*(?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}

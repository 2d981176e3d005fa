using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// Reads docker push's output: the manifest digest from its closing line (<c>main: digest: sha256:… size: 1234</c>),
/// and for a failed push (or <c>imagetools create</c>) the line that says why.
/// </summary>
public static partial class DockerPushOutput
{
    public static string? TryReadDigest(IEnumerable<string> lines) =>
        lines.Select(line => DigestLine().Match(line)).LastOrDefault(match => match.Success)?.Groups["digest"].Value;

    /// <summary>
    /// Why a push failed: the last line that reads as an error (<c>dial tcp …: connect: connection refused</c>,
    /// <c>denied: …</c>), standard error first; else the last line of standard error; else the last line of standard
    /// output that is not progress. Never docker's opening <c>The push refers to repository […]</c> when anything
    /// else was said: that line only names where the push went.
    /// </summary>
    public static string FailureCause(ToolResult result)
    {
        var errors = NonEmpty(result.StandardErrorLines);
        var output = NonEmpty(result.StandardOutputLines);
        return errors.LastOrDefault(IsError)
               ?? output.LastOrDefault(IsError)
               ?? errors.LastOrDefault()
               ?? output.LastOrDefault(line => !IsProgress(line))
               ?? output.LastOrDefault()
               ?? $"exit code {result.ExitCode}";
    }

    private static List<string> NonEmpty(IEnumerable<string> lines) => [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static bool IsError(string line) => ErrorLine().IsMatch(line) && !IsProgress(line);

    private static bool IsProgress(string line) => ProgressLine().IsMatch(line);

    [GeneratedRegex(@"digest:\s*(?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();

    [GeneratedRegex(@"error|dial tcp|connection refused|connection reset|no such host|timeout|timed out|denied|unauthorized|forbidden|" +
                    @"not found|unknown|invalid|\bEOF\b|failed|refused|x509|tls:|status: [45]\d\d", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^(The push refers to repository|[0-9a-f]{6,}: (Preparing|Waiting|Pushing|Pushed|Layer already exists|Mounted from)|" +
                    @"[0-9a-f]{6,}: Retrying in|Preparing|Waiting)", RegexOptions.IgnoreCase)]
    private static partial Regex ProgressLine();
}

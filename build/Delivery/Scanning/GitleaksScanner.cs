using Tooling;

namespace Delivery.Scanning;

/// <summary>
/// gitleaks over a repository's git history with the given config, SARIF report written, secrets redacted
/// from its output. The findings come from the SARIF, so the build and code scanning see the same list.
/// </summary>
public sealed class GitleaksScanner(Tool gitleaks)
{
    public const string InstallHint =
        "Install gitleaks 8.x (https://github.com/gitleaks/gitleaks/releases; offline Debian: scripts/ci/install-trixie-tools.sh) and put it on PATH.";

    /// <summary>gitleaks' exit code for "leaks found", set apart from 1, which gitleaks also uses for its own errors.</summary>
    private const int LeaksFound = 2;

    public static IReadOnlyList<string> Arguments(string source, string config, string sarifReport) =>
    [
        "detect", "--source", source, "--config", config,
        "--report-format", "sarif", "--report-path", sarifReport,
        "--redact", "--no-banner", "--exit-code", LeaksFound.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public async Task<IReadOnlyList<SarifResult>> ScanAsync(string source, string config, string sarifReport)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(sarifReport)!);
        var result = await gitleaks(Arguments(source, config, sarifReport),
            new ToolOptions { ThrowOnFailure = false, InstallHint = InstallHint });
        if (result.ExitCode is not (0 or LeaksFound) || !File.Exists(sarifReport))
        {
            throw new BuildFailedException($"gitleaks failed (exit code {result.ExitCode}) without a report:{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.StandardErrorLines.TakeLast(10)));
        }

        return SarifLog.Read(sarifReport);
    }
}

namespace Delivery.Scanning;

/// <summary>Trivy's command lines (pure, so tests can read them): one scan to JSON, then that JSON converted to SARIF.</summary>
public static class TrivyArguments
{
    /// <summary>
    /// The scan, limited to the gate's severities (so the SARIF upload shows what the gate judges, like
    /// trivy-action's limit-severities-for-sarif), exit code 0: the build's gate decides, from the JSON.
    /// </summary>
    public static IReadOnlyList<string> Scan(TrivyScanRequest request) =>
    [
        "image", "--format", "json", "--output", request.JsonReport,
        "--severity", string.Join(",", request.Severities),
        "--ignorefile", request.IgnoreFile,
        .. request.IgnoreUnfixed ? new[] { "--ignore-unfixed" } : [],
        "--exit-code", "0", "--no-progress",
        request.Image,
    ];

    /// <summary>The same findings as SARIF 2.1.0 for GitHub code scanning, without scanning again.</summary>
    public static IReadOnlyList<string> ConvertToSarif(TrivyScanRequest request) =>
        ["convert", "--format", "sarif", "--output", request.SarifReport, request.JsonReport];
}

using Tooling;

namespace Delivery.Scanning;

/// <summary>Runs Trivy (from --trivy-path or PATH) over an image and judges its JSON report with the <see cref="VulnerabilityGate"/>.</summary>
public sealed class TrivyScanner(Tool trivy, IReadOnlyDictionary<string, string?>? environment = null)
{
    public const string InstallHint =
        "Trivy is not installed here: install it (https://trivy.dev/latest/getting-started/installation/, on GitHub " +
        "aquasecurity/setup-trivy pinned by SHA) and put it on PATH, or pass --trivy-path /path/to/trivy. " +
        "It needs its vulnerability database (downloaded on first use, or TRIVY_CACHE_DIR with a mirrored one).";

    /// <summary>The Trivy to run: the explicit path if given (it must exist), else trivy on PATH, else a clear failure.</summary>
    public static string Locate(string? explicitPath) =>
        ToolResolver.Resolve(string.IsNullOrWhiteSpace(explicitPath) ? "trivy" : Path.GetFullPath(explicitPath), InstallHint);

    public async Task<GateResult> ScanAsync(TrivyScanRequest request, DateOnly today)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(request.JsonReport)!);
        Directory.CreateDirectory(Path.GetDirectoryName(request.SarifReport)!);
        var options = new ToolOptions { Environment = environment, InstallHint = InstallHint };
        await trivy(TrivyArguments.Scan(request), options);
        await trivy(TrivyArguments.ConvertToSarif(request), options);
        var gate = new VulnerabilityGate(request.Severities, request.IgnoreUnfixed, TrivyIgnoreFile.Read(request.IgnoreFile, today));
        return gate.Evaluate(TrivyReport.Parse(await File.ReadAllTextAsync(request.JsonReport)));
    }
}

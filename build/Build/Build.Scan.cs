using BuildEngine;
using Delivery.Docker;
using Delivery.Scanning;
using Serilog;
using Tooling;

/// <summary>
/// Scan: Trivy over the built image. The gate (fixed CRITICAL and HIGH by default, .trivyignore honoured) is the
/// build's own, applied to Trivy's JSON; the SARIF goes to GitHub code scanning. docs/security.md explains it.
/// </summary>
partial class Build
{
    [Parameter("Trivy executable to use. Default: trivy on PATH.")]
    readonly string? TrivyPath;

    [Parameter("Severities that fail Scan, comma-separated (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL).")]
    readonly string TrivySeverities = "CRITICAL,HIGH";

    [Parameter("Only vulnerabilities with a fixed version fail Scan (true by default: an unfixed one has nothing to upgrade to).")]
    readonly bool TrivyIgnoreUnfixed = true;

    AbsolutePath TrivyReportFile => ArtifactsDirectory / "trivy.json";

    AbsolutePath TrivySarifFile => ArtifactsDirectory / "trivy.sarif";

    Target Scan => _ => _
        .Description("Scans the built image for vulnerabilities with Trivy.")
        .DependsOn(DockerBuild)
        .After(ImageTest)
        .Consumes(DockerBuild, ImageRecordFile)
        .Produces(TrivyReportFile, TrivySarifFile)
        .WritePermissions(GitHubPermission.SecurityEvents)
        .UsesTools("trivy")
        .Reads(nameof(TrivyPath), nameof(TrivySeverities), nameof(TrivyIgnoreUnfixed))
        .Executes(async () =>
        {
            var trivy = Trivy;
            var image = ImageRecord.Read(ImageRecordFile).Images[0];
            var scanned = await Docker.InspectAsync(image);
            var request = new TrivyScanRequest
            {
                Image = image,
                Severities = VulnerabilityGate.ParseSeverities(TrivySeverities),
                IgnoreUnfixed = TrivyIgnoreUnfixed,
                IgnoreFile = RootDirectory / ".trivyignore",
                JsonReport = TrivyReportFile,
                SarifReport = TrivySarifFile,
            };
            var result = await new TrivyScanner(trivy).ScanAsync(request, DateOnly.FromDateTime(DateTime.UtcNow));
            PublishFindings(FindingsTable.ToMarkdown($"Trivy: {image}", result));
            if (!result.Passed)
            {
                throw new BuildFailedException(
                    $"{result.Blocking.Count} {string.Join("/", request.Severities)} vulnerabilit{(result.Blocking.Count == 1 ? "y" : "ies")} with a fix in {image} " +
                    $"({string.Join(", ", result.Blocking.Select(vulnerability => vulnerability.Id).Distinct().Take(10))}). Update the base image or the package; " +
                    "only if it cannot affect the gateway, list the ID in .trivyignore with the reason.");
            }

            Pipeline.MarkChecked(scanned, "scanned", build => build with { Scanned = scanned.Id });
        });

    /// <summary>A findings table in the log and on the GitHub step summary.</summary>
    void PublishFindings(string markdown)
    {
        foreach (var line in markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log.Information("{Line}", line);
        }

        Host.PublishSummary(markdown + "\n");
    }
}

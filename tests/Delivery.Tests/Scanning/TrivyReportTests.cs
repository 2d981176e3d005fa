using Delivery.Scanning;
using Tooling;

namespace Delivery.Tests.Scanning;

/// <summary>Reading Trivy's JSON and SARIF reports, and the findings table built from them.</summary>
public sealed class TrivyReportTests
{
    [Test]
    public void Every_vulnerability_of_every_result_is_read_with_its_fields()
    {
        var vulnerabilities = TrivyReport.Parse(Fixtures.Read("trivy", "fixed-high.json"));

        Assert.That(vulnerabilities, Has.Count.EqualTo(5));
        Assert.That(vulnerabilities[0], Is.EqualTo(new Vulnerability(
            "CVE-2099-0001", "libssl3t64", "3.0.13-0ubuntu3.4", "3.0.13-0ubuntu3.5", "CRITICAL", "fixed", "ghcr.io/acme/gateway:1.2.3 (ubuntu 24.04)")));
        Assert.That(vulnerabilities.Single(vulnerability => vulnerability.Id == "GHSA-xxxx-yyyy-zzzz").Target, Is.EqualTo("app/Gateway.deps.json"));
    }

    [TestCase("""{"SchemaVersion": 2, "ArtifactName": "x"}""")]
    [TestCase("""{"SchemaVersion": 2, "Results": null}""")]
    public void A_report_without_results_has_no_vulnerabilities(string json) =>
        Assert.That(TrivyReport.Parse(json), Is.Empty);

    [Test]
    public void An_empty_fixed_version_is_no_fix() =>
        Assert.That(TrivyReport.Parse(Fixtures.Read("trivy", "unfixed-only.json")).Where(vulnerability => vulnerability.HasFix).Select(vulnerability => vulnerability.Id),
            Is.EqualTo(new[] { "CVE-2099-0103" }));

    [Test]
    public void The_sarif_report_lists_the_same_findings_the_gate_judges()
    {
        var results = SarifLog.Read(Fixtures.Path("trivy", "fixed-high.sarif"));
        var judged = TrivyReport.Parse(Fixtures.Read("trivy", "fixed-high.json")).Where(vulnerability => vulnerability.Severity is "CRITICAL" or "HIGH");

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(result => result.RuleId), Is.EquivalentTo(judged.Select(vulnerability => vulnerability.Id)));
            Assert.That(results, Has.All.Matches<SarifResult>(result => result is { Tool: "Trivy", Level: "error" }));
            Assert.That(results[2].Location, Is.EqualTo("app/Gateway.deps.json:1"));
        });
    }

    [Test]
    public void A_log_that_is_not_sarif_2_1_0_is_rejected() =>
        Assert.That(() => SarifLog.Parse("""{"version": "1.0.0", "runs": []}"""), Throws.TypeOf<FormatException>());

    [Test]
    public void The_findings_table_lists_blocking_findings_first_by_severity()
    {
        var result = new VulnerabilityGate(["CRITICAL", "HIGH"], ignoreUnfixed: true, new HashSet<string>())
            .Evaluate(TrivyReport.Parse(Fixtures.Read("trivy", "fixed-high.json")));

        var lines = FindingsTable.ToMarkdown("Trivy: gateway", result).Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("### Trivy: gateway"));
            Assert.That(lines[2], Is.EqualTo("Failed: 2 blocking, 1 without a fix, 0 ignored (.trivyignore)."));
            Assert.That(lines[4], Is.EqualTo("| Severity | Vulnerability | Package | Installed | Fixed in | Verdict |"));
            Assert.That(lines[6], Is.EqualTo("| CRITICAL | CVE-2099-0001 | libssl3t64 | 3.0.13-0ubuntu3.4 | 3.0.13-0ubuntu3.5 | fails the build |"));
            Assert.That(lines[7..9], Has.Some.Contains("| HIGH | CVE-2099-0002 | libc6 | 2.39-0ubuntu8.3 |  | no fix yet |"));
        });
    }

    [Test]
    public void Expired_trivyignore_entries_ignore_nothing()
    {
        var ignored = TrivyIgnoreFile.Parse("# comment\n\nCVE-1 exp:2026-01-31\nCVE-2 exp:2027-01-31 # still valid\n", new DateOnly(2026, 11, 28));

        Assert.That(ignored, Is.EquivalentTo(new[] { "CVE-2" }));
    }

    [Test]
    public void Trivy_scans_once_to_json_limited_to_the_gate_severities_and_converts_that_to_sarif()
    {
        var request = new TrivyScanRequest
        {
            Image = "ghcr.io/acme/gateway:1.2.3",
            Severities = ["CRITICAL", "HIGH"],
            IgnoreUnfixed = true,
            IgnoreFile = "/repo/.trivyignore",
            JsonReport = "/repo/artifacts/trivy.json",
            SarifReport = "/repo/artifacts/trivy.sarif",
        };

        Assert.Multiple(() =>
        {
            Assert.That(TrivyArguments.Scan(request), Is.EqualTo(new[]
            {
                "image", "--format", "json", "--output", "/repo/artifacts/trivy.json", "--severity", "CRITICAL,HIGH",
                "--ignorefile", "/repo/.trivyignore", "--ignore-unfixed", "--exit-code", "0", "--no-progress", "ghcr.io/acme/gateway:1.2.3",
            }));
            Assert.That(TrivyArguments.Scan(request with { IgnoreUnfixed = false }), Does.Not.Contain("--ignore-unfixed"));
            Assert.That(TrivyArguments.ConvertToSarif(request), Is.EqualTo(new[]
            {
                "convert", "--format", "sarif", "--output", "/repo/artifacts/trivy.sarif", "/repo/artifacts/trivy.json",
            }));
        });
    }

    [Test]
    public void Without_trivy_the_scan_fails_saying_how_to_get_it() =>
        Assert.That(() => TrivyScanner.Locate("/nonexistent/trivy"),
            Throws.TypeOf<Tooling.BuildFailedException>().With.Message.Contains("--trivy-path"));
}

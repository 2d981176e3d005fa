using BuildEngine;
using Delivery.Git;
using Delivery.Scanning;
using Serilog;
using Tooling;

/// <summary>SecretScan: gitleaks over the whole git history with .gitleaks.toml (the default rules plus our allowlist).</summary>
partial class Build
{
    AbsolutePath GitleaksSarifFile => ArtifactsDirectory / "gitleaks.sarif";

    Target SecretScan => _ => _
        .Description("Scans the git history for secrets with gitleaks.")
        .Produces(GitleaksSarifFile)
        .WritePermissions(GitHubPermission.SecurityEvents)
        .UsesTools("gitleaks")
        .Executes(async () =>
        {
            if (await new GitCli(Git, RootDirectory).IsShallowAsync())
            {
                Log.Warning("This clone is shallow: gitleaks sees only the fetched commits. On GitHub check out with fetch-depth: 0.");
            }

            var findings = await new GitleaksScanner(Gitleaks).ScanAsync(RootDirectory, RootDirectory / ".gitleaks.toml", GitleaksSarifFile);
            var lines = new List<string> { "### gitleaks", "", findings.Count == 0 ? "No secrets found in the git history." : $"{findings.Count} finding(s):" };
            if (findings.Count > 0)
            {
                lines.AddRange(["", "| Rule | Location | Finding |", "|---|---|---|"]);
                lines.AddRange(findings.Select(finding => $"| {finding.RuleId} | {finding.Location} | {finding.Message.Replace("|", "\\|", StringComparison.Ordinal)} |"));
            }

            PublishFindings(string.Join("\n", lines) + "\n");
            if (findings.Count > 0)
            {
                throw new BuildFailedException(
                    $"gitleaks found {findings.Count} secret(s) in the git history (details in {GitleaksSarifFile.RelativeTo(RootDirectory)}). Revoke and rotate each one " +
                    "first; removing it from history comes second. A false positive goes into the allowlist of .gitleaks.toml with a reason.");
            }
        });
}

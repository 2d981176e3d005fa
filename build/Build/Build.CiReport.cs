using BuildEngine;
using Delivery.CiReports;
using Delivery.GitHub;
using Serilog;
using Tooling;

/// <summary>
/// CiReport: how the CI workflow has been doing, from GitHub's API: success rate, job durations and their trend, the
/// targets that fail most. The token needs actions: read (runs, jobs) and checks: read (annotations).
/// </summary>
[GitHubActionsWorkflow("ci-report",
    DisplayName = "CI report",
    OnSchedule = ["41 5 * * 1"], // Mondays: last week's runs, ready when the week starts
    OnWorkflowDispatch = true,
    EnableGitHubToken = true,
    TimeoutMinutes = 15)]
[GitHubActionsJob("ci-report", "report", nameof(CiReport), DisplayName = "CI report")]
partial class Build
{
    [Parameter("CiReport: how many of the workflow's latest completed runs to report on. Default: 50.")]
    readonly int CiReportRuns = 50;

    [Parameter("CiReport: the workflow file to report on. Default: docker-build.yml.")]
    readonly string CiReportWorkflow = "docker-build.yml";

    AbsolutePath CiReportMarkdownFile => ArtifactsDirectory / "ci-report.md";
    AbsolutePath CiReportJsonFile => ArtifactsDirectory / "ci-report.json";
    AbsolutePath CiReportHtmlFile => ArtifactsDirectory / "ci-report.html";

    Target CiReport => _ => _
        .Description("Reports success rate, durations and failures of recent CI runs.")
        .Produces(ArtifactsDirectory / "ci-report.*")
        .ReadPermissions(GitHubPermission.Actions, GitHubPermission.Checks)
        .Executes(async () =>
        {
            if (CiReportRuns < 1)
            {
                throw new BuildFailedException($"--ci-report-runs must be at least 1 (it is {CiReportRuns}).");
            }

            var repository = await GitHubRepositoryAsync();
            var history = new WorkflowRunHistory(GitHubApiClient, new GitHubRetry(Log), Log);
            var runs = await history.FetchAsync(repository, CiReportWorkflow, CiReportRuns);
            var report = CiReportCalculator.Compute(repository.ToString(), CiReportWorkflow, CiReportRuns, runs, DateTimeOffset.UtcNow);

            var markdown = CiReportMarkdown.Render(report);
            Directory.CreateDirectory(ArtifactsDirectory);
            File.WriteAllText(CiReportMarkdownFile, markdown);
            File.WriteAllText(CiReportJsonFile, report.ToJson());
            File.WriteAllText(CiReportHtmlFile, CiReportHtml.Render(report));
            Host.WriteLine(markdown);
            Host.PublishSummary(markdown);
            Log.Information("Wrote {Markdown}, {Json} and {Html}",
                CiReportMarkdownFile.RelativeTo(RootDirectory), CiReportJsonFile.RelativeTo(RootDirectory), CiReportHtmlFile.RelativeTo(RootDirectory));
        });
}

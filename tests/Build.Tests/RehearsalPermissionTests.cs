namespace Build.Tests;

/// <summary>
/// The rehearsal fails a workflow the way GitHub would: with the cleanup workflow's report job stripped of
/// packages: read (the bug it shipped with), the schedule rehearsal fails on the API stand-in's 403, and the report
/// names the refused request. Needs the offline lab: a Docker engine, the runner image and docker-registry.
/// </summary>
[Category("OfflineLab")]
public sealed class RehearsalPermissionTests
{
    [Test]
    public async Task Without_packages_read_the_storage_report_job_fails_with_GitHubs_403()
    {
        using var clone = await RehearsalClone.CreateAsync();
        await clone.CommitWorkflowAsync("registry-cleanup.yml", text => RemoveReportPackagesRead(text));
        var result = await clone.RehearseAsync("--rehearse-event", "schedule", "--rehearse-workflow", "registry-cleanup.yml", "--profile", "offline");

        var report = clone.Report();
        var jobs = report["workflows"]![0]!["jobs"]!.AsArray();
        var reportJob = jobs.First(job => job!["id"]!.ToString() == "report")!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(reportJob["conclusion"]!.ToString(), Is.EqualTo("failure"));
            Assert.That(reportJob["permissions"]!.AsObject().ContainsKey("packages"), Is.False);
            Assert.That(reportJob["error"]!.ToString(), Does.Contain("Resource not accessible by integration"));
            Assert.That(report["notes"]!.AsArray().Select(note => note!.ToString()),
                Has.Some.Match(@"^refused: GET /api/v3/.*/packages/container/.* → 403 \(packages=read Refused"));
            Assert.That(jobs.First(job => job!["id"]!.ToString() == "cleanup")!["conclusion"]!.ToString(), Is.EqualTo("skipped"), "cleanup needs report");
            Assert.That(clone.ProcessesStillRunning(), Is.Empty);
        });
    }

    /// <summary>The report job's permissions back to contents: read only (what the generator produced before the fix).</summary>
    private static string RemoveReportPackagesRead(string workflow)
    {
        var start = workflow.IndexOf("  report:", StringComparison.Ordinal);
        var end = workflow.IndexOf("  cleanup:", StringComparison.Ordinal);
        var job = workflow[start..end];
        return workflow[..start] + job.Replace("      packages: read\n", "", StringComparison.Ordinal) + workflow[end..];
    }
}

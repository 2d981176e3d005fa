using System.Text.Json.Nodes;
using Delivery.Rehearsal;

namespace Delivery.Tests.Rehearsal;

public sealed class RehearsalReportTests
{
    private static readonly RehearsalReport Report = new("push", "refs/heads/main", false, "0123456789abcdef0123456789abcdef01234567", ["docker-build.yml"],
    [
        new JobResult("docker-build.yml", "image", "Image (linux/arm64)", JobResult.Success,
            new Dictionary<string, string> { ["contents"] = "read", ["metadata"] = "read", ["packages"] = "write" }, TimeSpan.FromSeconds(170),
            [
                new StepResult("Install trivy", JobResult.Success, "trivy from the lab's mirror (a stand-in trivy that reports NO findings)", TimeSpan.FromSeconds(1)),
                new StepResult("./build.sh ImageTest Scan PushByDigest", JobResult.Success, null, TimeSpan.FromSeconds(150)),
            ],
            ["runs-on ubuntu-24.04-arm: no arm64 runner here"], Matrix: new JsonObject { ["platform"] = "linux/arm64" },
            Caches: ["actions/cache: nuget-Linux-ARM64-abc: restored nuget-Linux-ARM64-abc"]),
        new JobResult("docker-build.yml", "publish", "Publish", JobResult.Skipped, null, TimeSpan.Zero, [], []),
    ], ["ghcr.io: a stand-in registry"], TimeSpan.FromMinutes(4));

    [Test]
    public void A_job_s_outputs_are_in_the_json_and_the_markdown()
    {
        var published = new JobResult("docker-build.yml", "publish", "Publish", JobResult.Success, null, TimeSpan.FromSeconds(60),
            [new StepResult("./build.sh Merge", JobResult.Success, null, TimeSpan.FromSeconds(50))], [],
            Outputs: new Dictionary<string, string> { ["digest"] = "sha256:abc", ["version"] = "1.2.3" });
        var report = Report with { Jobs = [Report.Jobs[0], published] };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ToJson()["workflows"]![0]!["jobs"]![1]!["outputs"]!["digest"]!.ToString(), Is.EqualTo("sha256:abc"));
            Assert.That(report.ToJson()["workflows"]![0]!["jobs"]![0]!["outputs"]!.AsObject(), Is.Empty);
            Assert.That(report.ToMarkdown(), Does.Contain("- outputs: digest=sha256:abc; version=1.2.3"));
        }
    }

    [Test]
    public void The_json_names_every_job_leg_with_its_scopes_and_every_step_with_its_stand_in()
    {
        var json = Report.ToJson();
        var job = json["workflows"]![0]!["jobs"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(json["event"]!.ToString(), Is.EqualTo("push"));
            Assert.That(json["conclusion"]!.ToString(), Is.EqualTo("success"), "a skipped job is what GitHub would skip");
            Assert.That(job["id"]!.ToString(), Is.EqualTo("image"));
            Assert.That(job["matrix"]!["platform"]!.ToString(), Is.EqualTo("linux/arm64"));
            Assert.That(job["permissions"]!["packages"]!.ToString(), Is.EqualTo("write"));
            Assert.That(job["steps"]![0]!["standIn"]!.ToString(), Does.Contain("NO findings"));
            Assert.That(job["steps"]![1]!["standIn"], Is.Null);
            Assert.That(json["workflows"]![0]!["jobs"]![1]!["conclusion"]!.ToString(), Is.EqualTo("skipped"));
        });
    }

    [Test]
    public void Every_job_lists_its_caches_and_a_run_without_any_says_none()
    {
        var json = Report.ToJson();
        var withoutCaches = Report with { Jobs = [.. Report.Jobs.Select(job => job with { Caches = [] })] };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json["workflows"]![0]!["jobs"]![0]!["caches"]!.AsArray().Select(cache => cache!.ToString()),
                Is.EqualTo(new[] { "actions/cache: nuget-Linux-ARM64-abc: restored nuget-Linux-ARM64-abc" }));
            Assert.That(json["workflows"]![0]!["jobs"]![1]!["caches"]!.AsArray(), Is.Empty);
            Assert.That(Report.ToMarkdown(), Does.Contain("- caches: 1 in 1 job(s)").And.Contain("- caches: actions/cache: nuget-Linux-ARM64-abc"));
            Assert.That(withoutCaches.ToMarkdown(), Does.Contain("- caches: none (no job restored or saved a cache or exported a cache token)"));
        }
    }

    [Test]
    public void A_failed_or_cancelled_job_fails_the_rehearsal()
    {
        var failed = Report with { Jobs = [.. Report.Jobs, new JobResult("docker-build.yml", "notify", "Notify", JobResult.Cancelled, null, TimeSpan.Zero, [], [])] };
        Assert.Multiple(() =>
        {
            Assert.That(Report.Succeeded, Is.True);
            Assert.That(failed.Succeeded, Is.False);
            Assert.That(failed.ToMarkdown(), Does.Contain("| docker-build.yml | Notify | cancelled |"));
            Assert.That(failed.ToText(), Does.Contain("Rehearsal of push refs/heads/main").And.Contain("failure"));
        });
    }
}

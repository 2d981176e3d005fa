using System.Text.Json.Nodes;
using Delivery.Rehearsal;

namespace Delivery.Tests.Rehearsal;

public sealed class JobPermissionsTests
{
    private static readonly JsonNode Workflow = JsonNode.Parse("""{ "contents": "read" }""")!;

    [Test]
    public void A_job_without_permissions_gets_the_workflows()
    {
        var granted = JobPermissions.Resolve(null, Workflow, fork: false);
        Assert.That(granted, Is.EqualTo(new SortedDictionary<string, string> { ["contents"] = "read", ["metadata"] = "read" }));
    }

    [Test]
    public void A_jobs_permissions_replace_the_workflows_and_unnamed_scopes_get_none()
    {
        var granted = JobPermissions.Resolve(JsonNode.Parse("""{ "packages": "write", "issues": "none" }"""), Workflow, fork: false);
        Assert.Multiple(() =>
        {
            Assert.That(JobPermissions.Allows(granted, "packages", "write"), Is.True);
            Assert.That(JobPermissions.Allows(granted, "packages", "read"), Is.True, "write implies read");
            Assert.That(JobPermissions.Allows(granted, "contents", "read"), Is.False, "a job's permissions replace the workflow's");
            Assert.That(JobPermissions.Allows(granted, "issues", "read"), Is.False);
        });
    }

    [Test]
    public void A_fork_pull_request_gets_read_only_and_no_id_token()
    {
        var granted = JobPermissions.Resolve(JsonNode.Parse("""{ "packages": "write", "id-token": "write", "contents": "read" }"""), Workflow, fork: true);
        Assert.That(granted, Is.EqualTo(new SortedDictionary<string, string> { ["contents"] = "read", ["metadata"] = "read", ["packages"] = "read" }));
    }

    [Test]
    public void Without_any_permissions_the_restricted_default_and_read_all_reads_everything_but_id_token()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JobPermissions.Resolve(null, null, fork: false).Keys, Is.EqualTo(new[] { "contents", "metadata", "packages" }));
            var all = JobPermissions.Resolve(JsonValue.Create("read-all"), null, fork: false);
            Assert.That(all.Values.Distinct(), Is.EqualTo(new[] { "read" }));
            Assert.That(all.ContainsKey("id-token"), Is.False);
        });
    }
}

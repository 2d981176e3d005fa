namespace BuildEngine.Tests;

/// <summary>
/// Pins from a committed data file (GitHubActionsCatalog.PinsFrom) and Dependabot: a bump that edits only the
/// generated workflow passes --check-workflows, and the next generation keeps it and writes it into the file; an older
/// pin in a workflow never downgrades; a pin that is not a commit SHA with its release is refused, naming the place.
/// </summary>
public sealed class ActionPinFileTests : BuildFixture
{
    private const string PinsPath = ".github/action-pins.json";
    private const string CheckoutV1 = "actions/checkout@1111111111111111111111111111111111111111 # v7.0.1";
    private const string CheckoutV2 = "actions/checkout@abcdefabcdefabcdefabcdefabcdefabcdefabcd # v7.1.0";

    [Test]
    public async Task A_Dependabot_bump_of_the_workflow_passes_the_check_and_the_next_generation_keeps_it_and_writes_it_back()
    {
        await GenerateAsync();
        Assert.That(Workflow, Does.Contain(CheckoutV1));
        // Exactly Dependabot's edit: every occurrence of the action, a new SHA and a new version comment.
        Repository.WriteFile(WorkflowBuild.WorkflowPath, Workflow.Replace(CheckoutV1, CheckoutV2, StringComparison.Ordinal));

        var check = await RunAsync(PinFileBuild(), "--check-workflows");
        Assert.That(check.ExitCode, Is.Zero, check.ToString);

        var generate = await RunAsync(PinFileBuild(), "--generate-workflows");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(generate.ExitCode, Is.Zero, generate.ToString);
            Assert.That(generate.Output, Does.Contain($"Regenerated {PinsPath} from the build; commit it."));
            Assert.That(Workflow, Does.Not.Contain(CheckoutV1).And.Contain(CheckoutV2));
            Assert.That(Repository.ReadFile(PinsPath), Does.Contain(
                "\"actions/checkout\": { \"sha\": \"abcdefabcdefabcdefabcdefabcdefabcdefabcd\", \"version\": \"v7.1.0\" }"));
        }
    }

    [Test]
    public async Task An_older_pin_in_a_workflow_does_not_downgrade_the_file_s()
    {
        await GenerateAsync();
        var older = "actions/checkout@0000000000000000000000000000000000000000 # v6.9.9";
        Repository.WriteFile(WorkflowBuild.WorkflowPath, Workflow.Replace(CheckoutV1, older, StringComparison.Ordinal));

        var check = await RunAsync(PinFileBuild(), "--check-workflows");
        var generate = await RunAsync(PinFileBuild(), "--generate-workflows");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.ExitCode, Is.Not.Zero, "the workflow is stale: generation puts the newer pin back");
            Assert.That(generate.ExitCode, Is.Zero, generate.ToString);
            Assert.That(Workflow, Does.Contain(CheckoutV1).And.Not.Contain(older));
            Assert.That(Repository.ReadFile(PinsPath), Does.Contain("\"version\": \"v7.0.1\""));
        }
    }

    [Test]
    public async Task A_workflow_line_without_a_SHA_and_version_comment_is_refused_naming_the_line()
    {
        await GenerateAsync();
        Repository.WriteFile(WorkflowBuild.WorkflowPath, Workflow.Replace(CheckoutV1, "actions/checkout@v7", StringComparison.Ordinal));

        var result = await RunAsync(PinFileBuild(), "--check-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Match(@"\.github/workflows/ci\.yml:\d+: uses: actions/checkout@v7 is not a pin: a pinned action is written actions/checkout@<40-character commit SHA> # vX\.Y\.Z"));
    }

    [TestCase("1111", "v7.0.1", "must be pinned to a full 40-character commit SHA (lower-case hex), not '1111'")]
    [TestCase("1111111111111111111111111111111111111111", "latest", "has version 'latest', which is no release (vX.Y.Z)")]
    public async Task A_file_pin_that_is_no_commit_SHA_or_no_release_is_refused(string sha, string version, string message)
    {
        WritePins(("actions/checkout", sha, version));

        var result = await RunAsync(PinFileBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain($"{PinsPath}: actions/checkout ").And.Contain(message));
    }

    [Test]
    public async Task Without_the_pins_file_a_plain_run_runs_its_targets_and_only_generating_insists_on_it()
    {
        var build = PinFileBuild();
        var run = await RunAsync(build, "Test");
        var generate = await RunAsync(PinFileBuild(), "--generate-workflows");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString);
            Assert.That(build.Executed, Does.Contain("Test"));
            Assert.That(Repository.FileExists(WorkflowBuild.WorkflowPath), Is.False, "a root without pins has no workflows to keep current");
            Assert.That(generate.ExitCode, Is.Not.Zero);
            Assert.That(generate.Output, Does.Contain($"The action pins file {PinsPath} (GitHubActionsCatalog.PinsFrom) does not exist"));
        }
    }

    [TestCase("v7.0.10", "v7.0.9")]
    [TestCase("v10", "v9.9.9")]
    [TestCase("v1.0.0", "v1.0.0-rc.2")]
    [TestCase("v1.0.0-rc.10", "v1.0.0-rc.9")]
    [TestCase("8.0.1", "v8.0.0")]
    public void Versions_compare_as_releases(string newer, string older) =>
        Assert.That(ActionVersion.TryParse(newer)!.CompareTo(ActionVersion.TryParse(older)), Is.Positive);

    private string Workflow => Repository.ReadFile(WorkflowBuild.WorkflowPath);

    private async Task GenerateAsync()
    {
        WritePins(
            ("actions/checkout", new string('1', 40), "v7.0.1"),
            ("actions/setup-dotnet", new string('2', 40), "v6.0.0"),
            ("actions/cache", new string('3', 40), "v5.0.5"),
            ("actions/upload-artifact", new string('4', 40), "v7.0.0"),
            ("actions/download-artifact", new string('5', 40), "v8.0.1"),
            ("docker/setup-buildx-action", new string('6', 40), "v4.3.0"));
        var result = await RunAsync(PinFileBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
    }

    private void WritePins(params (string Action, string Sha, string Version)[] pins) =>
        Repository.WriteFile(PinsPath, "{ \"actions\": {" +
            string.Join(",", pins.Select(pin => $"\"{pin.Action}\": {{ \"sha\": \"{pin.Sha}\", \"version\": \"{pin.Version}\" }}")) + "} }");

    /// <summary>The workflow build, its actions pinned in the data file instead of in code.</summary>
    private static WorkflowBuild PinFileBuild() => new()
    {
        Catalog = new GitHubActionsCatalog()
            .PinsFrom(PinsPath)
            .Setup("docker-buildx", new ToolSetupStep("Set up Docker Buildx", "docker/setup-buildx-action"))
            .Runner("linux/amd64", "ubuntu-24.04")
            .Runner("linux/arm64", "ubuntu-24.04-arm"),
    };
}

namespace Build.Tests;

/// <summary>
/// The rehearsal refuses what it cannot rehearse before running anything: bad parameters, a workflow GitHub would
/// reject (with the parser's own message), a missing engine. Each is one line that names the fix, and nothing it
/// started (the workflow host) outlives it. Needs git and Node.js (GitHub's parser), no Docker.
/// </summary>
public sealed class RehearsalInputTests
{
    private RehearsalClone clone = null!;

    [OneTimeSetUp]
    public async Task CloneAsync() => clone = await RehearsalClone.CreateAsync();

    [OneTimeTearDown]
    public void Delete() => clone.Dispose();

    [TestCase(new[] { "--rehearse-event", "release" }, "--rehearse-event 'release' is not one the workflows are rehearsed for. Use one of: push, pull_request, schedule, workflow_dispatch.")]
    [TestCase(new[] { "--rehearse-ref", "main" }, "--rehearse-ref 'main' is not a full branch or tag ref. Write it as GitHub does: refs/heads/<branch> or refs/tags/<tag>")]
    [TestCase(new[] { "--rehearse-ref", "refs/heads/no-such-branch" }, "--rehearse-ref refs/heads/no-such-branch does not exist in this repository. Create the branch (git branch no-such-branch) or pass an existing one")]
    [TestCase(new[] { "--rehearse-workflow", "deploy.yml" }, "--rehearse-workflow deploy.yml: no such file in .github/workflows/")]
    [TestCase(new[] { "--rehearse-event", "push", "--rehearse-fork" }, "--rehearse-fork is about pull requests")]
    public async Task Bad_input_is_one_line_naming_the_fix(string[] arguments, string message)
    {
        var result = await clone.RehearseAsync(arguments);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain(message));
            Assert.That(clone.ProcessesStillRunning(), Is.Empty);
        });
    }

    [Test]
    public async Task A_workflow_GitHub_would_reject_fails_with_the_parsers_message_before_any_job()
    {
        using var broken = await RehearsalClone.CreateAsync();
        await broken.CommitWorkflowAsync("docker-build.yml", text => text.Replace("    timeout-minutes: 45\n", "    timeout-minutes: 45\n    retries: 3\n"));
        var result = await broken.RehearseAsync("--rehearse-event", "push", "--rehearse-ref", "refs/heads/main");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("GitHub would reject the workflow (no job was run): .github/workflows/docker-build.yml: docker-build.yml (Line: "));
            Assert.That(result.StandardOutput, Does.Contain("Unexpected value 'retries'"));
            Assert.That(result.StandardOutput, Does.Not.Contain("docker run"), "no runner container was started");
            Assert.That(broken.ProcessesStillRunning(), Is.Empty);
        });
    }

    [Test]
    public async Task Without_a_Docker_engine_it_says_how_to_start_one()
    {
        var result = await Repository.Run("dotnet", [Repository.BuildDll, "Rehearse", "--rehearse-event", "schedule"], clone.Root,
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("No Docker engine answers (docker version failed): start one"));
            Assert.That(clone.ProcessesStillRunning(), Is.Empty);
        });
    }
}

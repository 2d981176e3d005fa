using CliWrap.Buffered;

namespace Build.Tests;

/// <summary>
/// PushByDigest, run by the image job for every event, pushes only when the publish job will merge what it pushes
/// (the generated workflow passes it the publish job's own condition); on a developer's machine it pushes when asked.
/// The real build, on an empty root without an image: a push that is attempted fails for want of artifacts/image.json.
/// </summary>
public sealed class PushByDigestTests
{
    private string root = null!;

    [SetUp]
    public void CreateRoot()
    {
        root = Directory.CreateTempSubdirectory("push-by-digest-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    [Test]
    public async Task On_GitHub_Actions_a_run_whose_publish_job_is_skipped_pushes_nothing()
    {
        // A workflow_dispatch on a feature branch: the generated workflow evaluates the publish job's condition to false.
        var result = await RunPushByDigest(new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "workflow_dispatch",
            ["GITHUB_REF"] = "refs/heads/feature/x",
            ["PUBLISHING_RUN"] = "false",
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.StandardOutput);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^PushByDigest\s+Skipped\s.*OnlyWhen: IsPublishingRun"));
            Assert.That(result.StandardOutput, Does.Not.Contain("image.json does not exist"));
        }
    }

    [Test]
    public async Task On_a_developer_s_machine_it_pushes_when_asked()
    {
        var result = await RunPushByDigest(new Dictionary<string, string?>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.StandardOutput);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^PushByDigest\s+Failed"));
            Assert.That(result.StandardOutput, Does.Contain("image.json does not exist. Run ./build.sh DockerBuild first."), "it went for the image to push");
        }
    }

    private Task<BufferedCommandResult> RunPushByDigest(Dictionary<string, string?> environment) =>
        Repository.Run("dotnet", [Repository.BuildDll, "PushByDigest", "--skip", "DockerBuild", "--root", root, "--host", "Terminal", "--no-logo"], root, environment);
}

namespace Build.Tests;

/// <summary>The image targets without a reachable Docker engine: a clear error that says how to start one.</summary>
public sealed class DockerEngineTests
{
    [Test]
    public async Task DockerBuild_without_an_engine_fails_saying_how_to_start_one()
    {
        var result = await Repository.Run("dotnet", [Repository.BuildDll, "DockerBuild", "--no-logo"], Repository.Root,
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("No Docker engine is reachable"));
            Assert.That(result.StandardOutput, Does.Contain("scripts/ci/setup-offline.sh"));
            Assert.That(result.StandardOutput, Does.Not.Contain("   at "), "no stack trace");
        });
    }
}

namespace Build.Tests;

/// <summary>
/// The build's secrets stay out of places other users and other code can read: a secret on the command line is
/// refused before anything runs, and the test processes the build starts do not inherit GITHUB_TOKEN or a secret.
/// </summary>
public sealed class SecretParameterTests
{
    [Test]
    public async Task A_registry_password_on_the_command_line_fails_before_anything_runs_naming_REGISTRY_PASSWORD()
    {
        var result = await Repository.BuildScript("Push", "--registry-password", "x");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("--registry-password is a secret and is not taken from the command line"));
            Assert.That(result.StandardOutput, Does.Contain("Set the environment variable REGISTRY_PASSWORD instead (export REGISTRY_PASSWORD=..."));
            Assert.That(result.StandardOutput, Does.Not.Match(@"\] > \S*(docker|dotnet|git)\b"), "no tool was started");
            Assert.That(result.StandardOutput, Does.Not.Match(@"(?m)^(Restore|Compile|DockerBuild|Push)\s+(Succeeded|Failed|Skipped|NotRun)"), "no target ran or was planned");
        });
    }
}

using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>
/// Before any image test: the images are named, a Docker engine answers, and it has both images.
/// Anything missing fails every test with one message saying how to run them (never a skip).
/// </summary>
[SetUpFixture]
public sealed class DockerEnginePrerequisite
{
    [OneTimeSetUp]
    public async Task EngineAndImagesAreThere()
    {
        string[] images = [ImagesUnderTest.Gateway, ImagesUnderTest.Echo];

        var version = await DockerCli.RunAsync(["version", "--format", "{{.Server.Version}}"], timeout: TimeSpan.FromSeconds(30));
        if (!version.IsSuccess)
        {
            Assert.Fail($"No Docker engine answers (`docker version` exited {version.ExitCode}: {version.StandardError.Trim()}). " +
                $"Start one. {ImagesUnderTest.HowToRun}");
        }

        foreach (var image in images)
        {
            var inspect = await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image]);
            if (!inspect.IsSuccess)
            {
                Assert.Fail($"The engine has no image {image}: {inspect.StandardError.Trim()}. {ImagesUnderTest.HowToRun}");
            }
        }

        await TestContext.Progress.WriteLineAsync($"Docker engine {version.StandardOutput.Trim()}; testing {string.Join(", ", images)}");
    }
}

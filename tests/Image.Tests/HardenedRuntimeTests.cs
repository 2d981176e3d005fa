using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>The gateway under the restrictions an orchestrator may impose: read-only root, no capabilities, any UID.</summary>
[TestFixture]
[Category("Image")]
public sealed class HardenedRuntimeTests
{
    [Test]
    public async Task BecomesReadyWithReadOnlyRootAndNoCapabilities()
    {
        // A tmpfs /tmp is the one writable place (the .NET runtime's diagnostics socket lives there), as in docker-compose.yml.
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway,
            runOptions: ["--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges:true"]);

        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        Assert.That(await gateway.InspectAsync("{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}}"), Is.EqualTo("true [ALL]"));
    }

    [Test]
    public async Task BecomesReadyUnderAnArbitraryUid()
    {
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway, runOptions: ["--user", "4242:4242"]);

        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        Assert.That(await gateway.ProcessUidsAsync(), Is.Not.Empty.And.All.EqualTo("4242"));
    }
}

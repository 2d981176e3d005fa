using System.Text.Json;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>The runtime settings the gateway image carries for its throughput (docs/gateway.md#performance).</summary>
[TestFixture]
[Category("Image")]
public sealed class RuntimeSettingsTests
{
    // Without it, a container limited to one CPU ran unoptimised code for tens of seconds under load (x3 slower).
    [Test]
    public async Task Promotes_hot_methods_without_the_single_CPU_tiering_delay()
    {
        var environment = JsonSerializer.Deserialize<string[]>(await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{json .Config.Env}}")) ?? [];

        Assert.That(environment, Has.Member("DOTNET_TC_CallCountingDelayMs=0"));
    }
}

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
    public async Task Promotes_hot_methods_without_the_single_CPU_tiering_delay() =>
        Assert.That(await EnvironmentAsync(), Has.Member("DOTNET_TC_CallCountingDelayMs=0"));

    // Methods hot only at start-up stay at tier 0: a faster start, and the JIT reaches the request path sooner.
    [Test]
    public async Task Promotes_methods_after_a_thousand_calls_not_thirty() =>
        Assert.That(await EnvironmentAsync(), Has.Member("DOTNET_TC_CallCountThreshold=0x400"));

    // One thread switch less per socket read and write: +10 % requests/s for the gateway on one core.
    [Test]
    public async Task Completes_socket_operations_on_the_event_thread() =>
        Assert.That(await EnvironmentAsync(), Has.Member("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"));

    // Only the runtime's default passes hot ReadyToRun code (framework, packages) through an instrumented tier; with
    // DOTNET_TieredPGO_InstrumentOnlyHotCode=0 that code ends up optimised without a profile: -26 % requests/s.
    [Test]
    public async Task Leaves_tiered_PGO_at_the_runtime_default_so_ReadyToRun_code_is_profiled() =>
        Assert.That(await EnvironmentAsync(), Has.None.StartsWith("DOTNET_TieredPGO"));

    // The package assemblies ship precompiled; the gateway's own assembly stays IL, so a source change runs no crossgen.
    [Test]
    public async Task Ships_the_package_assemblies_ReadyToRun_compiled_and_the_gateway_as_IL()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gateway-app-{Guid.NewGuid():N}");
        await using var container = await CreatedContainer.CreateAsync(ImagesUnderTest.Gateway);
        try
        {
            await DockerCli.RunCheckedAsync(["cp", $"{container.Name}:/app", directory]);

            Assert.Multiple(() =>
            {
                foreach (var package in new[] { "Yarp.ReverseProxy.dll", "Serilog.dll", "OpenTelemetry.dll" })
                {
                    Assert.That(ReadyToRunImage.IsReadyToRun(Path.Combine(directory, package)), Is.True, $"{package} is ReadyToRun");
                }

                Assert.That(ReadyToRunImage.IsReadyToRun(Path.Combine(directory, "Gateway.dll")), Is.False, "Gateway.dll is IL only");
            });
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<string[]> EnvironmentAsync() =>
        JsonSerializer.Deserialize<string[]>(await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{json .Config.Env}}")) ?? [];
}

using Delivery.Benchmarks;

namespace Delivery.Tests.Benchmarks;

public sealed class RuntimeSettingsTests
{
    [Test]
    public void The_image_s_runtime_knobs_are_taken_and_its_descriptive_and_other_variables_are_not()
    {
        var settings = RuntimeSettings.FromImageEnvironment(
        [
            "PATH=/usr/local/sbin:/usr/local/bin",
            "APP_UID=1654",
            "ASPNETCORE_HTTP_PORTS=8080",
            "DOTNET_RUNNING_IN_CONTAINER=true",
            "DOTNET_VERSION=10.0.0",
            "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true",
            "DOTNET_TC_CallCountingDelayMs=100",
            "DOTNET_TC_CallCountingDelayMs=0",
            "DOTNET_NOVALUE",
        ]);

        Assert.That(settings, Is.EqualTo(new Dictionary<string, string>
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
            ["DOTNET_TC_CallCountingDelayMs"] = "0", // the later entry wins, as in Config.Env
        }));
    }
}

using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>The real gateway and echo images side by side, the route given to the gateway by environment variables only.</summary>
[TestFixture]
[Category("Image")]
public sealed class ConfigurationByEnvironmentTests
{
    [Test]
    public async Task RoutesToEchoConfiguredByEnvironmentVariables()
    {
        await using var echo = await Container.StartAsync(ImagesUnderTest.Echo);
        await echo.WaitUntilRespondingAsync("/healthz");
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway, GatewayRoutes.To("echo", "/echo/{**rest}", echo.BaseAddress));
        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        using var response = await LoopbackHttp.Client.GetAsync(gateway.Url("/echo/hello?from=image-test"));
        var echoed = await EchoReply.ReadAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoed.Path, Is.EqualTo("/echo/hello"));
            Assert.That(echoed.Query, Is.EqualTo("?from=image-test"));
            Assert.That(echoed.Headers.GetValueOrDefault("X-Forwarded-Host"), Is.EqualTo($"127.0.0.1:{gateway.Port}"), "echo was reached through the gateway");
        }
    }
}

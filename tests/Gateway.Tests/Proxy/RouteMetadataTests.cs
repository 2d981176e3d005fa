using System.Net;
using Gateway.Configuration;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Proxy;

/// <summary>Route metadata the gateway reads is checked on every YARP load, not only the first.</summary>
public sealed class RouteMetadataTests
{
    private const string BodySizeKey = "ReverseProxy:Routes:upload:Metadata:MaxRequestBodySize";

    [Test]
    public async Task Reload_with_an_invalid_route_body_size_is_rejected_and_the_last_good_limit_stays()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("upload", "/upload/{**rest}", "echo")
            .RouteSetting("upload", "Metadata:MaxRequestBodySize", "1024")
            .Cluster("echo", echo.Address));
        var status = gateway.App.Services.GetRequiredService<ConfigurationReloadStatus>();

        // The in-memory source keeps the new value across Reload(), which fires the change YARP listens to.
        gateway.App.Configuration[BodySizeKey] = "-1";
        ((IConfigurationRoot)gateway.App.Configuration).Reload();

        await Poll.UntilAsync(() => status.RejectionCount > 0, TimeSpan.FromSeconds(15), "the reload to be rejected");
        using var small = await gateway.Client.PostAsync("/upload/x", new ByteArrayContent(new byte[512]));
        using var large = await gateway.Client.PostAsync("/upload/x", new ByteArrayContent(new byte[2048]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.LastRejection!.Reason, Does.Contain($"{BodySizeKey} must be a positive whole number of bytes (was '-1')"));
            Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "the last good limit (1024) stays in force");
        }
    }
}

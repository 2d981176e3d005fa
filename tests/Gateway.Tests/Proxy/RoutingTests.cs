using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Proxy;

public sealed class RoutingTests
{
    [Test]
    public async Task Route_forwards_method_query_and_body_with_the_prefix_removed()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/api/echo/{**rest}", "echo", pathRemovePrefix: "/api/echo")
            .Cluster("echo", echo.Address));

        using var response = await gateway.Client.PostAsync("/api/echo/orders/42?expand=lines", new StringContent("hello"));
        var echoed = await EchoReply.ReadAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoed.Method, Is.EqualTo("POST"));
            Assert.That(echoed.Path, Is.EqualTo("/orders/42"));
            Assert.That(echoed.Query, Is.EqualTo("?expand=lines"));
            Assert.That(echoed.Body, Is.EqualTo("hello"));
        }
    }

    [Test]
    public async Task Request_matching_no_route_gets_404_without_reaching_an_upstream()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/api/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));

        using var response = await gateway.Client.GetAsync("/elsewhere");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

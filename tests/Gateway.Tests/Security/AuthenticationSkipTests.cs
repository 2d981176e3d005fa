using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using static Gateway.Tests.Infrastructure.TestCredentials;

namespace Gateway.Tests.Security;

/// <summary>
/// Authentication runs only for requests that carry a credential (docs/gateway.md#performance): anonymous traffic
/// creates no handler, and ASP.NET Core does not add a second, unconditional authentication middleware of its own.
/// </summary>
public sealed class AuthenticationSkipTests
{
    [Test]
    public async Task Only_requests_with_a_credential_reach_the_bearer_handler_and_protected_routes_still_challenge()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .WithJwt()
            .Route("open", "/open/{**rest}", "echo")
            .Route("closed", "/closed/{**rest}", "echo")
            .RouteSetting("closed", "AuthorizationPolicy", "default") // no schemes of its own: it reads the middleware's user
            .Cluster("echo", echo.Address));

        // The bearer handler reads its options (and so its events) per request from the monitor's cached instance.
        var bearer = gateway.App.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var handled = 0;
        var original = bearer.Events.OnMessageReceived;
        bearer.Events.OnMessageReceived = context =>
        {
            Interlocked.Increment(ref handled);
            return original(context);
        };

        var anonymous = await gateway.Client.GetStatusAsync("/open/a");
        var afterAnonymous = handled;
        var withToken = await gateway.Client.GetStatusAsync("/open/b", token: Token("alice"));
        var afterToken = handled;
        var challenged = await gateway.Client.GetStatusAsync("/closed/c");
        var admitted = await gateway.Client.GetStatusAsync("/closed/d", token: Token("bob"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterAnonymous, Is.Zero, "an anonymous request reached the bearer handler: authentication ran without a credential");
            Assert.That(withToken, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterToken, Is.EqualTo(1), "a request with a token is authenticated exactly once");
            Assert.That(challenged, Is.EqualTo(HttpStatusCode.Unauthorized), "the default policy still challenges an anonymous caller");
            Assert.That(admitted, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>
/// Authenticates a request whose API-key header matches a configured client. The presented key is hashed
/// and compared with every configured digest in constant time, so neither the match nor its position leaks
/// through timing; the key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(directory.Header, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.Fail($"More than one {directory.Header} header."));
        }

        var client = directory.Find(values.ToString());
        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(GatewaySchemes.ApiClientClaimType, client)], Scheme.Name, GatewaySchemes.ApiClientClaimType, roleType: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}

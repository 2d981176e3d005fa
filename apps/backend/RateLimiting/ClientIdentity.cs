using System.Security.Claims;
using Gateway.Configuration;
using Gateway.Security;

namespace Gateway.RateLimiting;

/// <summary>
/// Who a request counts against. Only credentials the gateway has validated (a JWT's <c>sub</c>, a configured
/// API key's client) name a partition; anything a caller can make up (an unknown key, a bad token) counts
/// against its client address, so rotating made-up credentials buys no extra budget.
/// </summary>
public static class ClientIdentity
{
    public static string PartitionKey(HttpContext context, RateLimitPartition partitionBy) =>
        (partitionBy == RateLimitPartition.ClientIp ? null : Principal(context.User))
        ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string? Principal(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities.Where(identity => identity.IsAuthenticated))
        {
            if (identity.AuthenticationType == GatewaySchemes.ApiKey && !string.IsNullOrEmpty(identity.Name))
            {
                return "apikey:" + identity.Name;
            }

            // Prefixes keep a token subject from sharing a bucket with an API client of the same name.
            if (identity.FindFirst("sub")?.Value is { Length: > 0 } subject)
            {
                return "sub:" + subject;
            }
        }

        return null;
    }
}

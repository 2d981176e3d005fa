using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>JWTs signed with a test key and API keys with their configured digests, plus the settings that make the gateway accept them.</summary>
public static class TestCredentials
{
    public const string SigningKey = "gateway-tests-signing-key-0123456789abcdef";
    public const string Issuer = "https://issuer.test";
    public const string Audience = "gateway-tests";

    public static GatewaySettings WithJwt(this GatewaySettings settings) => settings
        .Set("Gateway:Jwt:SigningKey", SigningKey)
        .Set("Gateway:Jwt:Issuer", Issuer)
        .Set("Gateway:Jwt:Audience", Audience);

    /// <summary>Accepts <paramref name="apiKey"/> as client <paramref name="client"/> (only the digest is configured, as in production).</summary>
    public static GatewaySettings WithApiKey(this GatewaySettings settings, string client, string apiKey) =>
        settings.Set($"Gateway:ApiKeys:Clients:{client}:Sha256", Sha256Hex(apiKey));

    public static string Token(string subject, string role = "user", string signingKey = SigningKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>Sends a GET carrying the given bearer token and/or API key and returns the status.</summary>
    public static async Task<HttpStatusCode> GetStatusAsync(this HttpClient client, string path, string? token = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public static string Sha256Hex(string apiKey) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))).ToLower(CultureInfo.InvariantCulture);
}

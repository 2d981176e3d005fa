using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>GHCR's token flow as registry clients run it: Basic (any user, the GITHUB_TOKEN) at <c>/token</c> for a scope, then Bearer.</summary>
internal static class GhcrLogin
{
    /// <summary>The token service's answer for <paramref name="githubToken"/> (null: anonymous) and <paramref name="scope"/>.</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string address, string? githubToken, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}/token?service=ghcr.io&scope={Uri.EscapeDataString(scope)}");
        if (githubToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"ci-bot:{githubToken}")));
        }

        return await http.SendAsync(request);
    }

    /// <summary>A registry token for <paramref name="scope"/> (<c>repository:acme/gateway:pull,push</c>), as the Bearer header to send.</summary>
    public static async Task<AuthenticationHeaderValue> BearerAsync(string address, string? githubToken, string scope)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await RequestTokenAsync(http, address, githubToken, scope);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"The token service answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    }
}

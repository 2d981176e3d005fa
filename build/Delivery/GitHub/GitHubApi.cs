using Octokit;

namespace Delivery.GitHub;

/// <summary>
/// Octokit clients for the build's reports and clean-ups. The API root comes from GITHUB_API_URL (set by
/// GitHub Actions, and pointed at a loopback stub by the tests); the token from GITHUB_TOKEN.
/// </summary>
public static class GitHubApi
{
    public static readonly Uri PublicApi = new("https://api.github.com/");

    /// <summary>A client for <paramref name="apiUrl"/> (null: api.github.com), authenticated with <paramref name="token"/>.</summary>
    public static GitHubClient CreateClient(string token, Uri? apiUrl)
    {
        var client = new GitHubClient(new ProductHeaderValue("gateway-build"), apiUrl ?? PublicApi)
        {
            Credentials = new Credentials(token),
        };
        return client;
    }

    /// <summary>GITHUB_API_URL if set (GitHub Actions sets it, GitHub Enterprise differs), else api.github.com.</summary>
    public static Uri ApiUrlFrom(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("GITHUB_API_URL") is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : PublicApi;
}

using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>The secret a request carries in <c>Authorization</c>, in the forms GitHub and registries accept.</summary>
internal static class Credentials
{
    /// <summary>
    /// <c>token X</c> (what Octokit sends), <c>Bearer X</c>, or <c>Basic base64(user:X)</c> (git, curl -u, and every
    /// registry client at GHCR's token service): X; null when the request has none.
    /// </summary>
    public static string? SecretOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value.Length > 0 ? value : null;
        }

        return scheme.Equals("basic", StringComparison.OrdinalIgnoreCase) ? PasswordOf(value) : null;
    }

    /// <summary>Whether the request's credentials are Basic: GHCR's token service takes only those.</summary>
    public static bool IsBasic(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    private static string? PasswordOf(string encoded)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < pair.Length - 1 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

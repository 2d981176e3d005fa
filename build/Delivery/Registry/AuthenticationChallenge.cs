using System.Net.Http.Headers;

namespace Delivery.Registry;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> answer to an unauthenticated request: <c>Basic realm="…"</c> (send the
/// credentials with every request), or <c>Bearer realm="…",service="…",scope="…"</c> (fetch a token from the realm,
/// as GHCR and Docker Hub require: the distribution token protocol).
/// </summary>
public sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    /// <summary>The challenge of a 401 answer, or null when the registry sent none.</summary>
    public static AuthenticationChallenge? From(HttpResponseHeaders headers) =>
        headers.WwwAuthenticate.FirstOrDefault() is { } header ? Parse(header.Scheme, header.Parameter ?? "") : null;

    /// <summary>Parses <c>key="value",key="value"</c>; a value may contain commas (a scope list) inside its quotes.</summary>
    public static AuthenticationChallenge Parse(string scheme, string parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < parameters.Length)
        {
            var equals = parameters.IndexOf('=', position);
            if (equals < 0)
            {
                break;
            }

            var key = parameters[position..equals].Trim().TrimStart(',').Trim();
            string value;
            if (equals + 1 < parameters.Length && parameters[equals + 1] == '"')
            {
                var close = parameters.IndexOf('"', equals + 2);
                close = close < 0 ? parameters.Length : close;
                value = parameters[(equals + 2)..close];
                position = close + 1;
            }
            else
            {
                var comma = parameters.IndexOf(',', equals + 1);
                comma = comma < 0 ? parameters.Length : comma;
                value = parameters[(equals + 1)..comma].Trim();
                position = comma;
            }

            values[key] = value;
            position = parameters.IndexOf(',', Math.Min(position, parameters.Length)) is var next and >= 0 ? next + 1 : parameters.Length;
        }

        return new AuthenticationChallenge(scheme, values);
    }
}

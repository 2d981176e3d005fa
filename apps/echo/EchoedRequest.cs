namespace Echo;

/// <summary>The JSON shape the echo service answers with.</summary>
public sealed record EchoedRequest(
    string Method,
    string Path,
    string Query,
    Dictionary<string, string> Headers,
    string Body)
{
    public static EchoedRequest From(HttpRequest request, string body) => new(
        request.Method,
        request.Path.Value ?? "/",
        request.QueryString.Value ?? string.Empty,
        request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        body);
}

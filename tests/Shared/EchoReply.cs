using System.Net;
using System.Text.Json;

namespace TestSupport;

/// <summary>
/// What the echo upstream (apps/echo) answered: the request it received. Read from its JSON by name, so a test
/// project needs no reference to the echo app; a field the echo no longer sends fails the read.
/// </summary>
internal sealed record EchoReply(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Reads echo's JSON; fails the test, with the body, unless the answer is 200.</summary>
    public static async Task<EchoReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{response.RequestMessage?.RequestUri} answered: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;

        // HTTP header names are case-insensitive; a JSON object's keys are not.
        var headers = root.GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name, header => header.Value.GetString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return new EchoReply(
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("query").GetString()!,
            headers,
            root.GetProperty("body").GetString()!);
    }
}

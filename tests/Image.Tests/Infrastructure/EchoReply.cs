using System.Net;
using System.Text.Json;

namespace Image.Tests.Infrastructure;

/// <summary>What the echo upstream answered: the request it received.</summary>
public sealed record EchoReply(string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Reads echo's JSON; fails the test, with the body, unless the answer is 200.</summary>
    public static async Task<EchoReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{response.RequestMessage?.RequestUri} answered: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var headers = root.GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name, header => header.Value.GetString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return new EchoReply(root.GetProperty("path").GetString()!, root.GetProperty("query").GetString()!, headers);
    }
}

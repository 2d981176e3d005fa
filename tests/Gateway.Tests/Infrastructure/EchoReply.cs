using System.Net.Http.Json;
using Echo;

namespace Gateway.Tests.Infrastructure;

public static class EchoReply
{
    public static async Task<EchoedRequest> ReadAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var echoed = (await response.Content.ReadFromJsonAsync<EchoedRequest>())!;

        // JSON gives a case-sensitive dictionary; HTTP header names are not.
        return echoed with { Headers = new Dictionary<string, string>(echoed.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}

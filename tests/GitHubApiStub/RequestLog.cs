using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace GitHubApiStub;

/// <summary>One request as the stub received it. The token itself is never kept, only whether one was sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, bool Authorized);

/// <summary>Every request the stub received, in order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> All => [.. requests];

    public IReadOnlyList<RecordedRequest> Matching(string method, string pathPrefix) =>
        [.. requests.Where(request => request.Method == method && request.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    internal async Task RecordAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", body,
            request.Headers.Authorization.Count > 0));
    }
}

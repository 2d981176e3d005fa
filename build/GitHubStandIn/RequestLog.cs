using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>One request as a stand-in received and answered it. The token itself is never kept, only whether one was sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, bool Authorized)
{
    /// <summary>The status it was answered with.</summary>
    public int Status { get; init; }

    /// <summary>The scope the route needed (<c>packages=read</c>), whether or not it was checked; null for a route that needs none.</summary>
    public string? Permission { get; init; }

    public AccessOutcome Access { get; init; }

    /// <summary>Whose token it was (<see cref="TokenGrant.Holder"/>, else its repository); null without a known token.</summary>
    public string? Holder { get; init; }

    /// <summary>One line for a report: <c>GET /api/v3/orgs/acme/… → 403 (packages=read Refused, registry-cleanup/report)</c>.</summary>
    public override string ToString() =>
        $"{Method} {Path}{Query} → {Status}" + (Permission is null && Access == AccessOutcome.NotChecked ? "" : $" ({Permission ?? "no scope"} {Access}{(Holder is null ? "" : ", " + Holder)})");
}

/// <summary>Every request a stand-in received, in the order they were answered.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> All => [.. requests];

    public IReadOnlyList<RecordedRequest> Matching(string method, string pathPrefix) =>
        [.. requests.Where(request => request.Method == method && request.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>The requests the access checks turned away (401 and 403): what a rehearsal's report names.</summary>
    public IReadOnlyList<RecordedRequest> Refused =>
        [.. requests.Where(request => request.Access is AccessOutcome.Refused or AccessOutcome.Unauthenticated or AccessOutcome.BadCredentials)];

    /// <summary>The request with its body (buffered, so the handler still reads it), to <see cref="Add"/> once answered.</summary>
    internal static async Task<RecordedRequest> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        return Describe(request, body);
    }

    /// <summary>The request without its body: a registry's blobs are not for a log.</summary>
    internal static RecordedRequest Describe(HttpRequest request, string body = "") =>
        new(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", body, request.Headers.Authorization.Count > 0);

    internal void Add(RecordedRequest request) => requests.Enqueue(request);
}

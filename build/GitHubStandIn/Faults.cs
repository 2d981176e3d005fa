using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

public enum FaultKind
{
    /// <summary>502 Bad Gateway, as GitHub answers when a backend times out.</summary>
    ServerError,

    /// <summary>403 with <c>x-ratelimit-remaining: 0</c> and a reset a moment away: the primary rate limit.</summary>
    RateLimit,

    /// <summary>
    /// The request is carried out (a DELETE deletes), then answered 502 instead of its own answer: GitHub sometimes
    /// completes a request and still reports a backend failure, so a retry meets the result (a 404 for the deleted version).
    /// </summary>
    ServerErrorAfterHandling,
}

/// <summary>Answers the next <paramref name="Times"/> requests whose path contains <paramref name="PathContains"/> with a fault.</summary>
public sealed class Fault(string method, string pathContains, FaultKind kind, int times)
{
    public string Method { get; } = method;

    public string PathContains { get; } = pathContains;

    public FaultKind Kind { get; } = kind;

    public int Remaining { get; internal set; } = times;

    /// <summary>How far ahead the rate-limit reset lies.</summary>
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Answers the request with the fault; <see cref="FaultKind.ServerErrorAfterHandling"/> first lets <paramref name="handle"/> carry it out.</summary>
    internal async Task AnswerAsync(HttpContext context, RequestDelegate handle)
    {
        if (Kind == FaultKind.ServerErrorAfterHandling)
        {
            // The handler's own answer goes nowhere; only its effect (a deletion) remains, as when GitHub fails after acting.
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await handle(context);
            }
            finally
            {
                context.Response.Body = body;
            }

            context.Response.Clear();
        }

        await WriteAsync(context.Response);
    }

    private async Task WriteAsync(HttpResponse response)
    {
        if (Kind is FaultKind.ServerError or FaultKind.ServerErrorAfterHandling)
        {
            response.StatusCode = StatusCodes.Status502BadGateway;
            await response.WriteAsJsonAsync(new { message = "Server Error" });
            return;
        }

        response.StatusCode = StatusCodes.Status403Forbidden;
        response.Headers["x-ratelimit-limit"] = "5000";
        response.Headers["x-ratelimit-remaining"] = "0";
        response.Headers["x-ratelimit-used"] = "5000";
        response.Headers["x-ratelimit-reset"] = DateTimeOffset.UtcNow.Add(ResetAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(new
        {
            message = "API rate limit exceeded for installation ID 1.",
            documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
        });
    }
}

/// <summary>The faults waiting for requests; each answers as many matching requests as it was given, then is spent.</summary>
public sealed class FaultPlan
{
    private readonly List<Fault> faults = [];
    private readonly Lock gate = new();

    public Fault Add(string method, string pathContains, FaultKind kind, int times = 1)
    {
        var fault = new Fault(method, pathContains, kind, times);
        lock (gate)
        {
            faults.Add(fault);
        }

        return fault;
    }

    internal Fault? TryTake(string method, string path)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(candidate =>
                candidate.Remaining > 0 && candidate.Method == method && path.Contains(candidate.PathContains, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }
}

/// <summary>The rate-limit headers GitHub sends with every answer.</summary>
internal static class RateLimitHeaders
{
    public static void WritePlenty(HttpResponse response)
    {
        response.Headers["x-ratelimit-limit"] = "5000";
        response.Headers["x-ratelimit-remaining"] = "4999";
        response.Headers["x-ratelimit-reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;

namespace Gateway.Middleware;

/// <summary>
/// Gives every request an <c>X-Request-Id</c> (the caller's, when it is safe to keep, or a new one),
/// forwards it upstream and returns it with the W3C <c>traceparent</c> of the gateway's span so a
/// caller can find the request in logs and traces. The upstream <c>traceparent</c> is injected by
/// YARP's HTTP client from the same activity.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string TraceParentHeader = "traceparent";
    private const int MaximumRequestIdLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = AcceptableRequestId(context.Request.Headers[RequestIdHeader].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? Guid.NewGuid().ToString("N");

        context.TraceIdentifier = requestId;
        context.Request.Headers[RequestIdHeader] = requestId;

        var activity = Activity.Current;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIdHeader] = requestId;
            if (activity is { IdFormat: ActivityIdFormat.W3C, Id: not null })
            {
                context.Response.Headers[TraceParentHeader] = activity.Id;
            }

            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }

    // Caller-supplied ids end up in logs and upstream headers, so only short, printable tokens are kept.
    private static string? AcceptableRequestId(string candidate)
    {
        if (candidate.Length is 0 or > MaximumRequestIdLength)
        {
            return null;
        }

        return candidate.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.' or ':')
            ? candidate
            : null;
    }
}

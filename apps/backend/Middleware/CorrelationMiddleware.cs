using System.Buffers;
using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Middleware;

/// <summary>
/// Gives every request an <c>X-Request-Id</c> (the caller's, when it is safe to keep, or a new one),
/// forwards it upstream and returns it with the W3C <c>traceparent</c> of the gateway's span so a
/// caller can find the request in logs and traces. The upstream <c>traceparent</c> is injected by
/// YARP's HTTP client from the same activity.
/// </summary>
/// <remarks>
/// This runs for every request, so it allocates only what it must: the response callback is static (the request id
/// is <see cref="HttpContext.TraceIdentifier"/>, the span is the hosting activity) and the log scope is one small object.
/// </remarks>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string TraceParentHeader = "traceparent";
    private const int MaximumRequestIdLength = 128;

    private static readonly SearchValues<char> RequestIdCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.:");

    private static readonly Func<object, Task> AddResponseHeaders = static state =>
    {
        var context = (HttpContext)state;
        context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            context.Response.Headers[TraceParentHeader] = id;
        }

        return Task.CompletedTask;
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = AcceptableRequestId(context.Request.Headers[RequestIdHeader].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? Guid.NewGuid().ToString("N");

        context.TraceIdentifier = requestId;
        context.Request.Headers[RequestIdHeader] = requestId;
        context.Response.OnStarting(AddResponseHeaders, context);

        using (logger.BeginScope(new RequestIdScope(requestId)))
        {
            await next(context);
        }
    }

    // Caller-supplied ids end up in logs and upstream headers, so only short, printable tokens are kept.
    private static string? AcceptableRequestId(string candidate) =>
        candidate.Length is 0 or > MaximumRequestIdLength || candidate.AsSpan().ContainsAnyExcept(RequestIdCharacters)
            ? null
            : candidate;

    /// <summary>The log scope's one property, <c>RequestId</c>, without a dictionary per request.</summary>
    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new KeyValuePair<string, object>("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{requestId}";
    }
}

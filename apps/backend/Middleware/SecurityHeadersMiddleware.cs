using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Middleware;

/// <summary>Adds the configured security headers to every response (leaving ones the upstream chose alone) and strips revealing ones.</summary>
/// <remarks>Read through <see cref="IOptionsMonitor{TOptions}"/> so a reload of <c>Gateway:SecurityHeaders</c> applies to the next response.</remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptionsMonitor<SecurityHeadersOptions> options)
{
    private HeaderSet _headers = HeaderSet.From(options.CurrentValue);

    public Task InvokeAsync(HttpContext context)
    {
        var headers = Current();
        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in headers.Added)
            {
                context.Response.Headers.TryAdd(name, value);
            }

            foreach (var name in headers.Removed)
            {
                context.Response.Headers.Remove(name);
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    // The monitor returns the same instance until a reload, so the header list is rebuilt only then.
    private HeaderSet Current()
    {
        var current = options.CurrentValue;
        var headers = Volatile.Read(ref _headers);
        if (!ReferenceEquals(headers.Source, current))
        {
            headers = HeaderSet.From(current);
            Volatile.Write(ref _headers, headers);
        }

        return headers;
    }

    private sealed record HeaderSet(SecurityHeadersOptions Source, KeyValuePair<string, string>[] Added, string[] Removed)
    {
        public static HeaderSet From(SecurityHeadersOptions options) => new(
            options,
            options.Headers.Where(header => !string.IsNullOrEmpty(header.Value)).ToArray(),
            options.RemoveHeaders);
    }
}

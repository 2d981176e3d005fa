using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Middleware;

/// <summary>Adds the configured security headers to every response (leaving ones the upstream chose alone) and strips revealing ones.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    private readonly KeyValuePair<string, string>[] _headers = options.Value.Headers
        .Where(header => !string.IsNullOrEmpty(header.Value))
        .ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in _headers)
            {
                context.Response.Headers.TryAdd(name, value);
            }

            foreach (var name in options.Value.RemoveHeaders)
            {
                context.Response.Headers.Remove(name);
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

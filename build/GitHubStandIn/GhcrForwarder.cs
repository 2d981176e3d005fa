using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace GitHubStandIn;

/// <summary>
/// Passes an authorised registry request on to docker-registry and its answer back, bodies streamed both ways (layer
/// uploads, chunked PATCHes and blob downloads never sit in memory). docker-registry never sees the client's token, and
/// the upload URLs it hands out (<c>Location</c>) are rewritten to the front, where the client must come back.
/// </summary>
internal sealed class GhcrForwarder(IHttpForwarder forwarder, string backend) : IDisposable
{
    private readonly string origin = $"http://{backend}";
    private readonly HttpMessageInvoker client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    public async Task ForwardAsync(HttpContext context)
    {
        // A layer is larger than Kestrel's default request body limit (30 MB); docker pushes one in a single PATCH.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        // YARP answers 502 itself when docker-registry cannot be reached; the request log records that status.
        await forwarder.SendAsync(context, origin, client, ForwarderRequestConfig.Empty, new Transformer(origin));
    }

    public void Dispose() => client.Dispose();

    private sealed class Transformer(string origin) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
            CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Authorization = null;
            // docker-registry builds its URLs from the Host it sees: its own, so that the rewrite below is the one place
            // that decides where a client continues (the base copies the client's Host).
            proxyRequest.Headers.Host = null;
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
            CancellationToken cancellationToken)
        {
            var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            var location = httpContext.Response.Headers.Location.ToString();
            if (location.StartsWith(origin, StringComparison.OrdinalIgnoreCase))
            {
                httpContext.Response.Headers.Location = $"{httpContext.Request.Scheme}://{httpContext.Request.Host}{location[origin.Length..]}";
            }

            return proceed;
        }
    }
}

using System.Net.Http.Json;
using Tooling;

namespace Delivery.Notifications;

/// <summary>
/// POSTs a <see cref="WebhookPayload"/> as JSON to a chat tool's incoming webhook. Such URLs carry their token in
/// the path, so no message of this class contains the URL: errors name the webhook, never its address.
/// </summary>
public sealed class WebhookNotifier(Uri url, TimeSpan timeout, HttpMessageHandler? handler = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public async Task SendAsync(WebhookPayload payload, CancellationToken cancellationToken = default)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = timeout;
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, payload, cancellationToken);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BuildFailedException($"The webhook did not answer within {timeout.TotalSeconds:0} s.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new BuildFailedException($"The webhook is unreachable: {WithoutUrl(exception.Message)}", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new BuildFailedException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
    }

    // HttpClient's messages name host and port at most; this keeps even a URL quoted in full out of the log.
    private string WithoutUrl(string message) =>
        message.Replace(url.OriginalString, "(the webhook URL)", StringComparison.Ordinal).Replace(url.AbsoluteUri, "(the webhook URL)", StringComparison.Ordinal);
}

using System.Net;
using System.Net.Sockets;

namespace Image.Tests.Infrastructure;

/// <summary>
/// The Docker Engine API on its unix socket, for the one thing the CLI is too slow for: sending a signal at a known
/// moment. The CLI's own start-up (tens of milliseconds) would blur a 100 ms measurement that starts at the signal.
/// </summary>
public static class DockerEngineApi
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (_, cancellation) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath()), cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://docker-engine/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Opens the connection ahead of a timed request.</summary>
    public static async Task PingAsync()
    {
        using var response = await Client.GetAsync(new Uri("_ping", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"The Docker Engine API at {SocketPath()} did not answer /_ping.");
    }

    /// <summary><c>docker kill --signal SIGNAL CONTAINER</c>, returning once the engine has delivered it.</summary>
    public static async Task SignalAsync(string container, string signal)
    {
        using var response = await Client.PostAsync(new Uri($"containers/{Uri.EscapeDataString(container)}/kill?signal={signal}", UriKind.Relative), content: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"Sending {signal} to {container}: {await response.Content.ReadAsStringAsync()}");
    }

    // The CLI's own rule: DOCKER_HOST when it names a unix socket, else the default socket.
    private static string SocketPath() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";
}

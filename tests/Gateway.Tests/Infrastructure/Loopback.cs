using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Infrastructure;

public static class Loopback
{
    /// <summary>A loopback address where nothing listens: connections are refused at once.</summary>
    public static Uri DeadDestination() => new($"http://127.0.0.1:{FreePort.Next()}/");

    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// A loopback port that accepts TCP connections (the kernel completes the handshake into the backlog) but
    /// never answers a byte: a hung service, the case where only a client's own timeout ends the wait.
    /// </summary>
    public static TcpListener UnresponsiveListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Image.Tests.Infrastructure;

/// <summary>A TCP port nothing listens on right now, chosen by the operating system.</summary>
public static class FreePort
{
    /// <summary>
    /// Binds port 0 on every address (IPv6 any, dual mode: where Kestrel's ASPNETCORE_HTTP_PORTS binds in a
    /// host-network container) and releases it again; the caller's container takes it moments later.
    /// </summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

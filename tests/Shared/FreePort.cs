using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>A TCP port nothing listens on right now, chosen by the operating system.</summary>
internal static class FreePort
{
    /// <summary>
    /// Binds port 0 on every address and releases it again; the caller's listener takes it moments later. Every
    /// address, not just loopback: a gateway in a host-network container binds ASPNETCORE_HTTP_PORTS on IPv6 any (dual
    /// mode), so a port free on loopback alone may still be taken there. Where IPv6 is disabled, IPv4 any.
    /// </summary>
    public static int Next()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
    }
}

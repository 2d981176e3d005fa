using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tooling.Networking;

/// <summary>
/// A TCP port nothing listens on right now, for a listener that must be told its port before it starts (the gateway's
/// management port, a process's --urls, a container's published port, docker-registry's addr, HttpListener's prefix)
/// or for a destination that must refuse: the benchmark's servers, the stand-in registries, the rehearsal's tools
/// mirror and the tests' (Gateway.Tests, which references no build project, compiles this file in).
/// </summary>
public static class FreePort
{
    private const int Lowest = 20000;

    /// <summary>
    /// A port below the kernel's ephemeral range that binds on every address right now, released again for the caller's
    /// listener to take moments later. Below the range because the kernel hands ephemeral ports to every outgoing
    /// connection: a port from bind(0) is one of them, and with the tests' and the lab's many client connections one was
    /// taken by a connection in the moment between its release and the listener's bind ("address already in use", CI of
    /// 2026-12-07). Every address, not just loopback: a gateway in a host-network container binds ASPNETCORE_HTTP_PORTS on
    /// IPv6 any (dual mode), so a port free on loopback alone may still be taken there. Where IPv6 is disabled, IPv4 any.
    /// </summary>
    public static int Next()
    {
        var below = EphemeralRangeStart();
        if (below - Lowest >= 1000)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var port = Random.Shared.Next(Lowest, below);
                if (TryBind(port))
                {
                    return port;
                }
            }
        }

        // A machine whose ephemeral range starts low: the operating system's choice.
        return Bind(0);
    }

    private static bool TryBind(int port)
    {
        try
        {
            Bind(port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Bind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.ProtocolNotSupported
            or SocketError.AddressNotAvailable)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
    }

    // Linux's net.ipv4.ip_local_port_range ("32768	60999" by default; also what applies to IPv6); elsewhere the default.
    private static int EphemeralRangeStart()
    {
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}

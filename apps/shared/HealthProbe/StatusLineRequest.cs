using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Shared.Health;

/// <summary>
/// One HTTP/1.1 GET over a plain socket that reads only the status line. The probe runs in a fresh process every
/// HEALTHCHECK interval: HttpClient's first request there JIT-compiles most of the HTTP stack, which took over 0.5 s on
/// a loaded 2-core machine and ate the probe's time budget; a socket, a request line and a status line cost a fraction.
/// </summary>
internal static class StatusLineRequest
{
    /// <summary>The status code <paramref name="uri"/> answers with (<c>http</c>, a literal IP address), or an exception.</summary>
    public static async Task<int> GetStatusCodeAsync(Uri uri, CancellationToken cancellationToken)
    {
        // A socket of the address's own family: a dual-mode IPv6 socket would fail where the kernel has IPv6 disabled.
        var address = (await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken))[0];
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(address, uri.Port), cancellationToken);
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken);

        // "HTTP/1.1 503 Service Unavailable\r\n": the first 12 bytes hold the code, whatever the reason phrase.
        var buffer = new byte[64];
        var received = 0;
        while (received < 12)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new HttpRequestException($"the connection closed after {received} byte(s), before a status line");
            }

            received += read;
        }

        var statusLine = Encoding.ASCII.GetString(buffer, 0, received);
        return statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine[8] == ' '
            && int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw new HttpRequestException($"not an HTTP/1.x status line: {statusLine.Split('\r')[0]}");
    }
}

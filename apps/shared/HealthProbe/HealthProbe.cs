using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;

namespace Shared.Health;

/// <summary>
/// The <c>--health</c> mode: asks the running service's health endpoint on loopback and exits 0 (2xx) or 1
/// (anything else, including no answer in time), so a Docker HEALTHCHECK needs neither a shell nor curl.
/// It never starts the web host.
/// </summary>
/// <remarks>Shared source (apps/shared), compiled into each service: internal, so the copies never clash.</remarks>
internal static class HealthProbe
{
    public const string Switch = "--health";

    /// <summary>
    /// The probe must exit within 3 s of its process starting, however long <c>dotnet</c> took to start:
    /// the request gets whatever is left of this budget; the rest of the 3 s is margin for the exit on a busy host.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // A probe whose start-up ate the budget still gets a chance: a healthy service on loopback answers in milliseconds.
    private static readonly TimeSpan MinimumRequestTime = TimeSpan.FromMilliseconds(500);

    public static bool IsRequested(string[] args) => args.Contains(Switch, StringComparer.Ordinal);

    /// <summary>Probes <paramref name="path"/> on the port the service would listen on with these arguments and environment.</summary>
    public static Task<int> RunAsync(string[] args, string path)
    {
        // The same sources, in the same order, the web host reads its URLs from.
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args.Where(argument => argument != Switch).ToArray())
            .Build();
        var uri = new Uri($"http://127.0.0.1:{ListeningPort.Resolve(configuration)}{path}");
        return ProbeAsync(uri, RemainingBudget());
    }

    /// <summary>GETs <paramref name="uri"/>: 0 for a 2xx answer within <paramref name="timeout"/>, else 1.</summary>
    public static async Task<int> ProbeAsync(Uri uri, TimeSpan timeout)
    {
        // A plain socket to loopback: no HTTP_PROXY can capture it, and no HTTP stack is compiled for one request.
        using var timeLimit = new CancellationTokenSource(timeout);
        try
        {
            var statusCode = await StatusLineRequest.GetStatusCodeAsync(uri, timeLimit.Token);
            await Console.Out.WriteLineAsync($"{uri} answered {statusCode}");
            return statusCode is >= 200 and <= 299 ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or OperationCanceledException)
        {
            var reason = exception is OperationCanceledException ? "no answer in time" : exception.Message;
            await Console.Error.WriteLineAsync($"{uri} unreachable within {timeout.TotalSeconds:0.##} s: {reason}");
            return 1;
        }
    }

    private static TimeSpan RemainingBudget()
    {
        TimeSpan spent;
        try
        {
            using var process = Process.GetCurrentProcess();
            spent = DateTime.Now - process.StartTime;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or Win32Exception)
        {
            spent = TimeSpan.Zero;
        }

        var remaining = Budget - spent;
        return remaining < MinimumRequestTime ? MinimumRequestTime : remaining;
    }
}

using System.Diagnostics;
using System.Globalization;
using BuildEngine;
using Delivery.Benchmarks;
using Serilog;
using Tooling;
using Tooling.Networking;

/// <summary>
/// Benchmark's warm-up figure: how long a fresh gateway container takes under load to reach 90 % of the steady-state
/// throughput the proxy comparison measured (Build.BenchmarkProxy.cs), pinned as in the comparison.
/// </summary>
partial class Build
{
    const int RampWindows = 15;
    const double RampFraction = 0.9;

    /// <summary>
    /// A fresh gateway container, loaded from the moment /healthz/ready answers with consecutive 1-second wrk windows
    /// (pinned as in the comparison): when the first window reaches 90 % of the container's steady state.
    /// </summary>
    async Task<IReadOnlyList<BenchmarkFigure>> MeasureWarmUpAsync(int upstreamPort, double steadyRequestsPerSecond)
    {
        var port = FreePort.Next();
        var container = await StartGatewayContainerAsync(port, upstreamPort);
        try
        {
            var url = ProxiedUrl(port);
            var windows = new List<LoadWindow>();
            var sinceFirstRequest = Stopwatch.StartNew();
            for (var window = 1; window <= RampWindows; window++)
            {
                var result = await RunPinnedWrkAsync(url, 1, logOutput: false);
                result.EnsureNoErrors($"a fresh {GatewayContainerProxy}, second {window} under load");
                windows.Add(new LoadWindow(sinceFirstRequest.Elapsed, result.RequestsPerSecond));
            }

            Log.Information("Fresh {Proxy}, 1 s windows from the first request: {Rates} req/s (steady state {Steady:0})",
                GatewayContainerProxy, string.Join(", ", windows.Select(window => window.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture))),
                steadyRequestsPerSecond);

            var method = $"a fresh container (--cpuset-cpus {ProxyCpu}), {RampWindows} consecutive 1 s wrk windows (pinned as above) from the moment " +
                $"/healthz/ready answers; the end of the first window at >= {RampFraction:0%} of the comparison's median ({steadyRequestsPerSecond:0} req/s)";
            var reached = WarmUpRamp.TimeToReach(windows, steadyRequestsPerSecond, RampFraction);
            if (reached is null)
            {
                Log.Warning("A fresh {Proxy} did not reach {Fraction:0%} of its steady state within {Seconds:0.0} s", GatewayContainerProxy, RampFraction,
                    windows[^1].End.TotalSeconds);
            }

            return
            [
                new($"Fresh container, first request under load to {RampFraction:0%} of steady-state req/s", (reached ?? windows[^1].End).TotalSeconds, "s",
                    reached is null ? $"NOT reached: the value is the whole series; {method}" : method),
                new("Fresh container, first 1 s under load / steady state", Statistics.Ratio(windows[0].RequestsPerSecond, steadyRequestsPerSecond),
                    BenchmarkTable.RatioUnit, "first window of the series above"),
            ];
        }
        finally
        {
            await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BuildEngine;
using Delivery.Benchmarks;
using Delivery.Images;
using Serilog;
using Tooling;
using Tooling.Networking;

/// <summary>
/// Benchmark's proxy comparison: nginx, bare YARP (benchmarks/BareYarp), the gateway's host build and its image, each
/// in front of one static nginx upstream, measured in alternating rounds with wrk; then a fresh gateway container's
/// time to 90 % of its steady-state throughput (Build.BenchmarkWarmUp.cs). On two CPUs, wrk, the upstream and the proxy would fight for both, so
/// each proxy gets CPU 0 to itself and wrk and the upstream share CPU 1; the figures are a per-request cost
/// comparison on one core, never a capacity claim.
/// </summary>
partial class Build
{
    const string ProxyCpu = "0";
    const string LoadCpu = "1";
    // Three: the median then sets one disturbed round aside. With two it is their mean, and on this shared 2-CPU machine
    // one build measured 27.7 k and 32.7 k requests/s in the two rounds of one run (docs/gateway.md#performance).
    const int ProxyRounds = 3;
    // Measured: on one core the gateway still ran at half speed 30 s after its start (tier-1 JIT shares the CPU with the
    // requests), so each proxy gets 30 s under load before its first recorded round.
    const int ProxyWarmUpSeconds = 30;
    const int ProxyRunSeconds = 8;
    const string WrkInstallHint = "Install wrk (apt-get install wrk; scripts/ci/setup-offline.sh installs it).";
    const string NginxInstallHint = "Install nginx (apt-get install nginx; scripts/ci/setup-offline.sh installs it).";

    const string NginxProxy = "nginx";
    const string BareYarpProxy = "bare YARP";
    const string BareYarpTunedProxy = "bare YARP (image's runtime settings)";
    const string GatewayHostProxy = "gateway (host)";
    const string GatewayContainerProxy = "gateway (container)";

    static readonly string ProxyMethod =
        $"median of {ProxyRounds} alternating rounds of taskset -c {LoadCpu} wrk -t1 -c32 -d{ProxyRunSeconds}s --latency, each proxy warmed up " +
        $"{ProxyWarmUpSeconds} s first; proxy on CPU {ProxyCpu} (taskset, the container --cpuset-cpus {ProxyCpu} --network host), " +
        $"wrk and a static nginx upstream (return 200) on CPU {LoadCpu}; 127.0.0.1";

    const string ProxyCpuMethod =
        "user + system CPU time of the proxy's processes (/proc/PID/stat: the .NET process, nginx's workers, the container's entrypoint " +
        "seen from the host) during each measured wrk run / the run's wall time, median of the rounds; 100 % is its one CPU full: near it " +
        "the proxy set its figure, well below it the load side did";

    const string ProxyCpuPerRequestMethod =
        "user (kernel) CPU time of the proxy's processes during each measured wrk run / the requests of the run (its requests/s x its wall " +
        "time), median of the rounds; user is the proxy's own code, its runtime and libraries, kernel the system calls and network stack it " +
        "runs: what sets the ratios of two proxies on a given machine";

    AbsolutePath BareYarpPublishDirectory => BenchmarkDirectory / "bareyarp";
    AbsolutePath GatewayPublishDirectory => BenchmarkDirectory / "gateway";

    /// <summary>The proxies' figures with their ratios to nginx, and the fresh container's warm-up figures.</summary>
    async Task<IReadOnlyList<BenchmarkFigure>> MeasureProxiesAsync()
    {
        await EnsurePinningAsync();
        await PublishHostServersAsync();

        var upstreamPort = FreePort.Next();
        var nginxPort = FreePort.Next();
        var bareYarpPort = FreePort.Next();
        var bareYarpTunedPort = FreePort.Next();
        var gatewayHostPort = FreePort.Next();
        var gatewayContainerPort = FreePort.Next();
        var nginxPrefixes = new List<AbsolutePath>();
        var hostServers = new List<HostServer>();
        string? container = null;
        try
        {
            var upstream = BenchmarkDirectory / "nginx-upstream";
            nginxPrefixes.Add(upstream);
            await StartPinnedNginxAsync(upstream, LoadCpu, NginxConfig.StaticUpstream(upstream, upstreamPort));
            await WaitForOkAsync($"http://127.0.0.1:{upstreamPort}/", "the static nginx upstream");

            var proxy = BenchmarkDirectory / "nginx-proxy";
            nginxPrefixes.Add(proxy);
            await StartPinnedNginxAsync(proxy, ProxyCpu, NginxConfig.Proxy(proxy, nginxPort, upstreamPort));
            // Bare YARP as its template leaves the runtime, and with the runtime settings the image sets (Dockerfile ENV),
            // which the gateway's host process gets too: host and container then differ only by the container.
            var imageRuntime = RuntimeSettings.FromImageEnvironment((await Docker.InspectAsync(AppImage.Gateway.LocalTag)).Environment ?? []);
            Log.Information("The image's runtime settings, also given to the host gateway and the tuned bare YARP: {Settings}",
                imageRuntime.Count == 0 ? "none" : string.Join(" ", imageRuntime.Select(pair => $"{pair.Key}={pair.Value}")));
            hostServers.Add(StartPinnedServer(BareYarpProxy, ProxyCpu, BareYarpPublishDirectory, ["dotnet", "BareYarp.dll"],
                HostProxyEnvironment(bareYarpPort, upstreamPort)));
            hostServers.Add(StartPinnedServer(BareYarpTunedProxy, ProxyCpu, BareYarpPublishDirectory, ["dotnet", "BareYarp.dll"],
                WithSettings(HostProxyEnvironment(bareYarpTunedPort, upstreamPort), imageRuntime)));
            var gatewayEnvironment = WithSettings(WithSettings(HostProxyEnvironment(gatewayHostPort, upstreamPort), GatewayBenchmarkSettings()), imageRuntime);

            hostServers.Add(StartPinnedServer(GatewayHostProxy, ProxyCpu, GatewayPublishDirectory, ["dotnet", "Gateway.dll"], gatewayEnvironment));
            container = await StartGatewayContainerAsync(gatewayContainerPort, upstreamPort);

            // Every proxy answers through the upstream before any load: a 200 here is the upstream's.
            var proxies = new (string Name, string Url)[]
            {
                (NginxProxy, ProxiedUrl(nginxPort)),
                (BareYarpProxy, ProxiedUrl(bareYarpPort)),
                (BareYarpTunedProxy, ProxiedUrl(bareYarpTunedPort)),
                (GatewayHostProxy, ProxiedUrl(gatewayHostPort)),
                (GatewayContainerProxy, ProxiedUrl(gatewayContainerPort)),
            };
            await WaitForOkAsync(ProxiedUrl(nginxPort), NginxProxy);
            foreach (var server in hostServers)
            {
                await WaitForServerAsync(server, proxies.Single(entry => entry.Name == server.Name).Url);
            }

            await WaitForOkAsync(ProxiedUrl(gatewayContainerPort), GatewayContainerProxy);

            // Whose CPU time counts for each proxy (ProcessCpuTime adds the direct children: nginx's workers).
            var pids = new Dictionary<string, int>
            {
                [NginxProxy] = ReadPid(proxy / "nginx.pid"),
                [GatewayContainerProxy] = int.Parse(
                    (await Docker.RunAsync(["inspect", "--format", "{{.State.Pid}}", container], new ToolOptions { LogOutput = false })).StandardOutput.Trim(),
                    CultureInfo.InvariantCulture),
            };
            foreach (var server in hostServers)
            {
                pids[server.Name] = ReadPid(server.PidFile);
            }

            foreach (var (name, url) in proxies)
            {
                Log.Information("Warming up {Proxy} for {Seconds} s (not recorded)", name, ProxyWarmUpSeconds);
                (await RunPinnedWrkAsync(url, ProxyWarmUpSeconds, logOutput: false)).EnsureNoErrors($"{name} (warm-up)");
            }

            var comparison = new ProxyComparison(NginxProxy);
            for (var round = 1; round <= ProxyRounds; round++)
            {
                foreach (var (name, url) in proxies)
                {
                    var cpuBefore = ProcessCpuTime.Read(pids[name]);
                    var clock = Stopwatch.StartNew();
                    var result = await RunPinnedWrkAsync(url, ProxyRunSeconds, logOutput: true);
                    var cpu = new CpuUse(ProcessCpuTime.Read(pids[name]) - cpuBefore, clock.Elapsed);
                    comparison.Add(name, result, cpu);
                    var (user, kernel) = cpu.MicrosecondsPerRequest(result.RequestsPerSecond);
                    Log.Information("Round {Round}/{Rounds}, {Proxy}: {Rate:0} req/s, p99 {P99:0.00} ms, CPU {Busy:0%}, " +
                        "{User:0.0} µs user + {Kernel:0.0} µs kernel per request",
                        round, ProxyRounds, name, result.RequestsPerSecond, result.P99Milliseconds, cpu.Busy, user, kernel);
                }
            }

            foreach (var result in comparison.Results())
            {
                Log.Information("{Proxy}: {Rate:0} req/s ({RateRatio:0.00}x nginx), p99 {P99:0.00} ms ({P99Ratio:0.00}x nginx), CPU {Busy:0%}, " +
                    "{User:0.0} µs user + {Kernel:0.0} µs kernel per request",
                    result.Proxy, result.RequestsPerSecond, result.ThroughputRatio, result.P99Milliseconds, result.P99Ratio, result.CpuBusy,
                    result.UserMicroseconds, result.SystemMicroseconds);
            }

            // The proxies under test share CPU 0: the fresh container must have it alone.
            await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            container = null;
            foreach (var server in hostServers)
            {
                await StopAsync(server);
            }

            hostServers.Clear();
            await StopNginxAsync(proxy);
            nginxPrefixes.Remove(proxy);

            var steady = comparison.Results().Single(result => result.Proxy == GatewayContainerProxy).RequestsPerSecond;
            return
            [
                .. comparison.Figures(ProxyMethod, ProxyCpuMethod, ProxyCpuPerRequestMethod),
                comparison.ThroughputRatio(GatewayHostProxy, BareYarpProxy),
                comparison.ThroughputRatio(GatewayHostProxy, BareYarpTunedProxy),
                comparison.ThroughputRatio(GatewayContainerProxy, GatewayHostProxy),
                .. await MeasureWarmUpAsync(upstreamPort, steady),
            ];
        }
        finally
        {
            if (container is not null)
            {
                await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            }

            foreach (var server in hostServers)
            {
                await StopAsync(server);
            }

            foreach (var prefix in nginxPrefixes)
            {
                await StopNginxAsync(prefix);
            }
        }
    }

    static int ReadPid(AbsolutePath pidFile) => int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

    /// <summary>taskset is there and CPU 1 exists: the pinning the figures rely on.</summary>
    async Task EnsurePinningAsync()
    {
        var check = await Tools.RunAsync("taskset", ["-c", LoadCpu, "true"],
            new ToolOptions { InstallHint = TasksetInstallHint, LogOutput = false, ThrowOnFailure = false });
        if (!check.Succeeded)
        {
            throw new BuildFailedException(
                $"`taskset -c {LoadCpu} true` failed ({string.Join(" ", check.StandardErrorLines)}): the benchmark needs at least 2 CPUs " +
                $"(the proxy under test on CPU {ProxyCpu}, wrk and the upstream on CPU {LoadCpu}).");
        }
    }

    /// <summary>
    /// The host builds: the gateway exactly as Dockerfile.multistage publishes it (Release, the machine's architecture,
    /// no PDBs), so host and container run the same build; bare YARP from the same package versions.
    /// </summary>
    async Task PublishHostServersAsync()
    {
        var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        await Tools.RunAsync("dotnet",
            ["publish", RootDirectory / "apps" / "backend", "-a", architecture, "--configuration", "Release", "--output", GatewayPublishDirectory, "-p:DebugType=none", "-nologo"],
            new ToolOptions { Environment = DotnetEnvironment });
        await Tools.RunAsync("dotnet",
            ["publish", RootDirectory / "benchmarks" / "BareYarp", "--configuration", "Release", "--output", BareYarpPublishDirectory, "-p:DebugType=none", "-nologo"],
            new ToolOptions { Environment = DotnetEnvironment });
    }

    static string ProxiedUrl(int port) => $"http://127.0.0.1:{port}/benchmark";

    /// <summary>YARP's route to the upstream, the same for bare YARP and the gateway: every path, one destination.</summary>
    static Dictionary<string, string> ProxyRoute(int upstreamPort) => new()
    {
        ["ReverseProxy__Routes__benchmark__ClusterId"] = "benchmark",
        ["ReverseProxy__Routes__benchmark__Match__Path"] = "/{**catch-all}",
        ["ReverseProxy__Clusters__benchmark__Destinations__upstream__Address"] = $"http://127.0.0.1:{upstreamPort}/",
    };

    /// <summary>
    /// A host process in Production on 127.0.0.1:<paramref name="port"/>, whatever the build's own environment says
    /// about ASP.NET Core's URLs and environment.
    /// </summary>
    static Dictionary<string, string?> HostProxyEnvironment(int port, int upstreamPort) => WithSettings(new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_HTTP_PORTS"] = null,
        ["ASPNETCORE_HTTPS_PORTS"] = null,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = null,
    }, ProxyRoute(upstreamPort));

    static Dictionary<string, string?> WithSettings(Dictionary<string, string?> environment, IEnumerable<KeyValuePair<string, string>> settings)
    {
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// The gateway's production defaults, except what would slow the benchmark's stops or clash on ports. The log format
    /// is the one a container picks by itself (JSON; text outside a container), so host and container write the same lines.
    /// </summary>
    static Dictionary<string, string> GatewayBenchmarkSettings() => new()
    {
        ["Gateway__ManagementPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Gateway__ShutdownDelay"] = "00:00:00",
        ["Gateway__LogFormat"] = "Json",
    };

    Task<string> StartGatewayContainerAsync(int port, int upstreamPort) =>
        StartContainerAsync(AppImage.Gateway.LocalTag, port, "/healthz/ready",
            [.. ProxyRoute(upstreamPort).Concat(GatewayBenchmarkSettings()).Select(pair => $"{pair.Key}={pair.Value}")],
            ["--cpuset-cpus", ProxyCpu]);

    async Task<WrkOutput> RunPinnedWrkAsync(string url, int seconds, bool logOutput)
    {
        var wrk = ToolResolver.Resolve("wrk", WrkInstallHint);
        var run = await Tools.RunAsync("taskset", ["-c", LoadCpu, wrk, "-t1", "-c32", $"-d{seconds}s", "--latency", url],
            new ToolOptions { LogOutput = logOutput, InstallHint = TasksetInstallHint });
        return WrkOutput.Parse(run.StandardOutput);
    }

    /// <summary>nginx daemonizes; its master and worker keep the CPU taskset gave it.</summary>
    async Task StartPinnedNginxAsync(AbsolutePath prefix, string cpu, string config)
    {
        Directory.CreateDirectory(prefix);
        File.WriteAllText(prefix / "nginx.conf", config);
        await Tools.RunAsync("taskset", ["-c", cpu, ToolResolver.Resolve("nginx", NginxInstallHint), "-p", prefix, "-c", prefix / "nginx.conf"],
            new ToolOptions { InstallHint = TasksetInstallHint });
    }

    async Task StopNginxAsync(AbsolutePath prefix) =>
        await Tools.RunAsync(ToolResolver.Resolve("nginx", NginxInstallHint), ["-p", prefix, "-c", prefix / "nginx.conf", "-s", "quit"],
            new ToolOptions { ThrowOnFailure = false });
}

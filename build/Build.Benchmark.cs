using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BuildEngine;
using Delivery.Benchmarks;
using Delivery.Images;
using Delivery.Pipeline;
using Serilog;

/// <summary>
/// Benchmark: image size (multi-stage vs a single-stage SDK image), image build time (cold, one file changed, no
/// change; Build.BenchmarkBuildTime.cs), container start to ready, a warm
/// `./build.sh --help`, and wrk throughput/latency (gateway → echo, echo direct, nginx → echo); writes artifacts/benchmarks.json and artifacts/benchmarks.md, compared with the previous
/// benchmarks.json only when it was measured on the same machine.
/// </summary>
partial class Build
{
    AbsolutePath BenchmarkFile => ArtifactsDirectory / "benchmarks.json";
    AbsolutePath BenchmarkTableFile => ArtifactsDirectory / "benchmarks.md";
    AbsolutePath BenchmarkDirectory => TemporaryDirectory / "benchmark";

    const string SingleStageImage = "gateway-benchmark:single-stage";
    const int StartRuns = 5;

    Target Benchmark => _ => _
        .Description("Measures image size (multi- vs single-stage), image build time (cold, one file changed, no change), start to /healthz/ready (median of 5), a warm ./build.sh --help and wrk throughput/latency (gateway, echo, nginx); writes artifacts/benchmarks.json and .md.")
        .DependsOn(DockerBuild)
        .Produces("artifacts/benchmarks.json", "artifacts/benchmarks.md")
        .Executes(async () =>
        {
            var machine = await ReadMachineAsync();
            var previous = ReadComparablePrevious(machine);
            Directory.CreateDirectory(BenchmarkDirectory);

            var figures = new List<BenchmarkFigure>();
            var multiStage = await Docker.InspectAsync(AppImage.Gateway.LocalTag);
            figures.Add(new("Image size, multi-stage (chiseled runtime)", multiStage.Size / 1_000_000.0, "MB", $"unpacked layers of {AppImage.Gateway.LocalTag}"));
            var singleStage = await BuildSingleStageImageAsync();
            figures.Add(new("Image size, single-stage (SDK image)", singleStage / 1_000_000.0, "MB", "generated Dockerfile in .nuke/temp/benchmark"));
            figures.AddRange(await MeasureBuildTimesAsync());
            figures.Add(new("Container start to /healthz/ready 200", await MeasureStartAsync(), "ms", $"median of {StartRuns} starts, host network"));
            figures.Add(new("./build.sh --help, warm", await MeasureHelpAsync() * 1000, "ms", "hyperfine mean, 2 warm-ups, 10 runs"));
            figures.AddRange(await MeasureThroughputAsync());

            var commit = (await Tools.RunAsync("git", ["rev-parse", "--short", "HEAD"], new ToolOptions { LogOutput = false })).StandardOutput.Trim();
            var report = new BenchmarkReport(machine, DateTimeOffset.UtcNow, commit, figures);
            var table = BenchmarkTable.Render(report, previous);
            Directory.CreateDirectory(ArtifactsDirectory);
            File.WriteAllText(BenchmarkFile, report.ToJson());
            File.WriteAllText(BenchmarkTableFile, table);
            Host.WriteLine(table);
            Log.Information("Wrote {Json} and {Markdown}", BenchmarkFile.RelativeTo(RootDirectory), BenchmarkTableFile.RelativeTo(RootDirectory));
        });

    async Task<MachineFingerprint> ReadMachineAsync()
    {
        var kernel = (await Tools.RunAsync("uname", ["-r"], new ToolOptions { LogOutput = false })).StandardOutput;
        var docker = await Docker.EnsureEngineAsync();
        var machine = MachineFingerprint.Parse(File.ReadAllText("/proc/cpuinfo"), File.ReadAllText("/proc/meminfo"), kernel, docker);
        Log.Information("Machine: {Cpu} ({Count} CPUs), {Memory} MiB, kernel {Kernel}, Docker {Docker}",
            machine.CpuModel, machine.CpuCount, machine.MemoryBytes / 1048576, machine.Kernel, machine.DockerVersion);
        return machine;
    }

    /// <summary>The previous report, if any; fails before measuring when it comes from another machine.</summary>
    BenchmarkReport? ReadComparablePrevious(MachineFingerprint machine)
    {
        if (!BenchmarkFile.FileExists())
        {
            return null;
        }

        var previous = BenchmarkReport.FromJson(File.ReadAllText(BenchmarkFile));
        var differences = machine.Differences(previous.Machine);
        if (differences.Count > 0)
        {
            throw new BuildFailedException(
                $"{BenchmarkFile.RelativeTo(RootDirectory)} was measured on a different machine ({string.Join("; ", differences)}); " +
                "figures from different machines are not comparable. Move it away (or delete it) to start a new baseline on this machine.");
        }

        return previous;
    }

    async Task<long> BuildSingleStageImageAsync()
    {
        var dockerfile = BenchmarkDirectory / "Dockerfile.singlestage";
        File.WriteAllText(dockerfile, SingleStageDockerfile.For(AppImage.Gateway.Directory, AppImage.Gateway.Name));
        List<string> arguments = ["build", "--file", dockerfile, "--tag", SingleStageImage, "--build-arg", $"SDK_IMAGE={SdkImage}"];
        if (Environment.GetEnvironmentVariable("NUGET_CERT_REVOCATION_MODE") is { Length: > 0 } revocationMode)
        {
            arguments.AddRange(["--build-arg", $"NUGET_CERT_REVOCATION_MODE={revocationMode}"]);
        }

        if (BuildNetwork is { Length: > 0 } network)
        {
            arguments.AddRange(["--network", network]);
        }

        arguments.Add(RootDirectory);
        await Docker.RunAsync(arguments, ImageBuilder.BuildKitOptions);
        return (await Docker.InspectAsync(SingleStageImage)).Size;
    }

    /// <summary>Median milliseconds from `docker run` to the first 200 from /healthz/ready, each start on a free port.</summary>
    async Task<double> MeasureStartAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var samples = new List<double>();
        for (var run = 1; run <= StartRuns; run++)
        {
            var port = FreePort();
            var stopwatch = Stopwatch.StartNew();
            var started = await Docker.RunAsync(
                // Host networking: the management port (default 8081) gets a free port too.
                ["run", "--detach", "--rm", "--network", "host", "--env", $"ASPNETCORE_HTTP_PORTS={port}", "--env", $"Gateway__ManagementPort={FreePort()}", AppImage.Gateway.LocalTag],
                new ToolOptions { LogOutput = false });
            var container = started.StandardOutput.Trim();
            try
            {
                var ready = false;
                while (!ready && stopwatch.Elapsed < TimeSpan.FromSeconds(30))
                {
                    try
                    {
                        using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz/ready");
                        ready = response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        // not listening yet
                    }

                    if (!ready)
                    {
                        await Task.Delay(20);
                    }
                }

                if (!ready)
                {
                    throw new BuildFailedException($"{AppImage.Gateway.LocalTag} did not answer 200 on /healthz/ready (port {port}) within 30 s; see `docker logs {container}`.");
                }

                samples.Add(stopwatch.Elapsed.TotalMilliseconds);
                Log.Information("Start {Run}/{Runs}: ready after {Milliseconds:0} ms", run, StartRuns, stopwatch.Elapsed.TotalMilliseconds);
            }
            finally
            {
                await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            }
        }

        return Statistics.Median(samples);
    }

    /// <summary>wrk against the gateway (→ echo), echo directly, and nginx (→ echo), all on loopback.</summary>
    async Task<IReadOnlyList<BenchmarkFigure>> MeasureThroughputAsync()
    {
        var echoPort = FreePort();
        var gatewayPort = FreePort();
        var nginxPort = FreePort();
        var containers = new List<string>();
        var nginxPrefix = BenchmarkDirectory / "nginx";
        var nginxConfig = nginxPrefix / "nginx.conf";
        var nginxStarted = false;
        try
        {
            containers.Add(await StartContainerAsync(AppImage.Echo.LocalTag, echoPort, "/healthz", []));
            containers.Add(await StartContainerAsync(AppImage.Gateway.LocalTag, gatewayPort, "/healthz/ready",
            [
                $"Gateway__ManagementPort={FreePort()}",
                "ReverseProxy__Routes__echo__ClusterId=echo",
                "ReverseProxy__Routes__echo__Match__Path=/echo/{**rest}",
                $"ReverseProxy__Clusters__echo__Destinations__echo__Address=http://127.0.0.1:{echoPort}",
            ]));
            Directory.CreateDirectory(nginxPrefix);
            File.WriteAllText(nginxConfig, NginxProxyConfig.For(nginxPrefix, nginxPort, echoPort));
            await Tools.RunAsync("nginx", ["-p", nginxPrefix, "-c", nginxConfig],
                new ToolOptions { InstallHint = "Install nginx (apt-get install nginx; scripts/ci/setup-offline.sh installs it)." });
            nginxStarted = true;
            await WaitForOkAsync($"http://127.0.0.1:{nginxPort}/echo/hello", "nginx");

            var figures = new List<BenchmarkFigure>();
            foreach (var (name, port) in new[] { ("gateway → echo", gatewayPort), ("echo direct", echoPort), ("nginx → echo", nginxPort) })
            {
                var wrk = new ToolOptions { InstallHint = "Install wrk (apt-get install wrk; scripts/ci/setup-offline.sh installs it)." };
                // A 2-second warm-up (JIT, connection pools), not recorded.
                await Tools.RunAsync("wrk", ["-t2", "-c16", "-d2s", $"http://127.0.0.1:{port}/echo/hello"], wrk with { LogOutput = false });
                var run = await Tools.RunAsync("wrk", ["-t2", "-c16", "-d5s", "--latency", $"http://127.0.0.1:{port}/echo/hello"], wrk);
                var result = WrkOutput.Parse(run.StandardOutput);
                if (result.Errors > 0)
                {
                    throw new BuildFailedException($"wrk saw {result.Errors} errors against {name}; its figures would be meaningless. See the output above.");
                }

                const string method = "wrk -t2 -c16 -d5s --latency after a 2 s warm-up, 127.0.0.1";
                figures.Add(new($"Throughput, {name}", result.RequestsPerSecond, "req/s", method));
                figures.Add(new($"Latency p50, {name}", result.P50Milliseconds, "ms", method));
                figures.Add(new($"Latency p99, {name}", result.P99Milliseconds, "ms", method));
            }

            return figures;
        }
        finally
        {
            if (nginxStarted)
            {
                await Tools.RunAsync("nginx", ["-p", nginxPrefix, "-c", nginxConfig, "-s", "quit"], new ToolOptions { ThrowOnFailure = false });
            }

            foreach (var container in containers)
            {
                await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            }
        }
    }

    async Task<string> StartContainerAsync(string image, int port, string healthPath, IReadOnlyList<string> environment)
    {
        List<string> arguments = ["run", "--detach", "--rm", "--network", "host", "--env", $"ASPNETCORE_HTTP_PORTS={port}"];
        foreach (var variable in environment)
        {
            arguments.AddRange(["--env", variable]);
        }

        var container = (await Docker.RunAsync([.. arguments, image], new ToolOptions { LogOutput = false })).StandardOutput.Trim();
        await WaitForOkAsync($"http://127.0.0.1:{port}{healthPath}", image);
        return container;
    }

    static async Task WaitForOkAsync(string url, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new BuildFailedException($"{what} did not answer 200 on {url} within 30 s.");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task<double> MeasureHelpAsync()
    {
        var export = BenchmarkDirectory / "help.json";
        await Tools.RunAsync("hyperfine",
            ["--warmup", "2", "--runs", "10", "--export-json", export, "--command-name", "./build.sh --help", $"{RootDirectory / "build.sh"} --help"],
            new ToolOptions { WorkingDirectory = RootDirectory, InstallHint = "Install hyperfine (apt-get install hyperfine; scripts/ci/setup-offline.sh installs it)." });
        return HyperfineExport.MeanSeconds(File.ReadAllText(export));
    }
}

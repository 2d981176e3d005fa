using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BuildEngine;
using Delivery.Benchmarks;
using Delivery.Images;
using Delivery.Pipeline;
using Serilog;
using Tooling;
using Tooling.Networking;

/// <summary>
/// Benchmark: the proxy comparison (nginx, bare YARP, the gateway on the host and in its image, in front of one static
/// upstream, with ratios to nginx) and a fresh container's time to 90 % of steady state (Build.BenchmarkProxy.cs);
/// the end-to-end gateway → echo figure; container start to ready; image build time (cold, one file changed, no
/// change, with their ratios; Build.BenchmarkBuildTime.cs); image size (multi-stage vs a single-stage SDK image); a
/// warm `./build.sh --help`. Writes artifacts/benchmarks.json and artifacts/benchmarks.md, compared with the previous
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
        .Description("Measures the gateway against nginx and bare YARP, its start and its image.")
        .DependsOn(DockerBuild)
        .Produces(BenchmarkFile, BenchmarkTableFile)
        .Executes(async () =>
        {
            var machine = await ReadMachineAsync();
            var previous = ReadComparablePrevious(machine);
            Directory.CreateDirectory(BenchmarkDirectory);

            // The proxies first: a wrk error fails the target before the slow image builds.
            var figures = new List<BenchmarkFigure>();
            figures.AddRange(await MeasureProxiesAsync());
            figures.AddRange(await MeasureEndToEndAsync());
            figures.Add(new("Container start to /healthz/ready 200", await MeasureStartAsync(), "ms", $"median of {StartRuns} starts, host network"));
            figures.AddRange(await MeasureBuildTimesAsync());
            var multiStage = await Docker.InspectAsync(AppImage.Gateway.LocalTag);
            figures.Add(new("Image size, multi-stage (chiseled runtime)", multiStage.Size / 1_000_000.0, "MB", $"unpacked layers of {AppImage.Gateway.LocalTag}"));
            var singleStage = await BuildSingleStageImageAsync();
            figures.Add(new("Image size, single-stage (SDK image)", singleStage / 1_000_000.0, "MB", "generated Dockerfile in .nuke/temp/benchmark"));
            figures.Add(new("./build.sh --help, warm", await MeasureHelpAsync() * 1000, "ms", "hyperfine mean, 2 warm-ups, 10 runs"));

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

        BenchmarkReport previous;
        try
        {
            previous = BenchmarkReport.FromJson(File.ReadAllText(BenchmarkFile));
        }
        catch (JsonException exception)
        {
            Log.Warning("{File} is not a benchmark report this build reads ({Reason}); measuring without a comparison",
                BenchmarkFile.RelativeTo(RootDirectory), exception.Message);
            return null;
        }

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
        if (EnvironmentVariables.GetValueOrDefault("NUGET_CERT_REVOCATION_MODE") is { Length: > 0 } revocationMode)
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
            var port = FreePort.Next();
            var stopwatch = Stopwatch.StartNew();
            var started = await Docker.RunAsync(
                // Host networking: the management port (default 8081) gets a free port too.
                ["run", "--detach", "--rm", "--network", "host", "--env", $"ASPNETCORE_HTTP_PORTS={port}", "--env", $"Gateway__ManagementPort={FreePort.Next()}", AppImage.Gateway.LocalTag],
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

    /// <summary>
    /// End to end as a user meets it: the gateway image in front of the echo image (an ASP.NET Core app, itself
    /// CPU-hungry), neither pinned, wrk on loopback. Kept beside the pinned proxy comparison so that runs stay
    /// comparable with earlier ones.
    /// </summary>
    async Task<IReadOnlyList<BenchmarkFigure>> MeasureEndToEndAsync()
    {
        var echoPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var containers = new List<string>();
        try
        {
            containers.Add(await StartContainerAsync(AppImage.Echo.LocalTag, echoPort, "/healthz", []));
            containers.Add(await StartContainerAsync(AppImage.Gateway.LocalTag, gatewayPort, "/healthz/ready",
            [
                $"Gateway__ManagementPort={FreePort.Next()}",
                "ReverseProxy__Routes__echo__ClusterId=echo",
                "ReverseProxy__Routes__echo__Match__Path=/echo/{**rest}",
                $"ReverseProxy__Clusters__echo__Destinations__echo__Address=http://127.0.0.1:{echoPort}",
            ]));

            const string name = "gateway → echo";
            var url = $"http://127.0.0.1:{gatewayPort}/echo/hello";
            var wrk = new ToolOptions { InstallHint = WrkInstallHint };
            // A 2-second warm-up (JIT, connection pools), not recorded.
            await Tools.RunAsync("wrk", ["-t2", "-c16", "-d2s", url], wrk with { LogOutput = false });
            var result = WrkOutput.Parse((await Tools.RunAsync("wrk", ["-t2", "-c16", "-d5s", "--latency", url], wrk)).StandardOutput);
            result.EnsureNoErrors(name);

            const string method = "containers, unpinned, wrk -t2 -c16 -d5s --latency after a 2 s warm-up, 127.0.0.1";
            return
            [
                new($"Throughput, {name}", result.RequestsPerSecond, "req/s", method),
                new($"Latency p50, {name}", result.P50Milliseconds, "ms", method),
                new($"Latency p99, {name}", result.P99Milliseconds, "ms", method),
            ];
        }
        finally
        {
            foreach (var container in containers)
            {
                await Docker.RunAsync(["rm", "--force", container], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            }
        }
    }

    async Task<string> StartContainerAsync(string image, int port, string healthPath, IReadOnlyList<string> environment,
        IReadOnlyList<string>? dockerOptions = null)
    {
        List<string> arguments = ["run", "--detach", "--rm", "--network", "host", .. dockerOptions ?? [], "--env", $"ASPNETCORE_HTTP_PORTS={port}"];
        foreach (var variable in environment)
        {
            arguments.AddRange(["--env", variable]);
        }

        var container = (await Docker.RunAsync([.. arguments, image], new ToolOptions { LogOutput = false })).StandardOutput.Trim();
        await WaitForOkAsync($"http://127.0.0.1:{port}{healthPath}", image);
        return container;
    }

    /// <summary>Polls <paramref name="url"/> for a 200; <paramref name="ensureRunning"/>, when given, fails at once for a process that has exited.</summary>
    static async Task WaitForOkAsync(string url, string what, Func<Task>? ensureRunning = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (ensureRunning is not null)
            {
                await ensureRunning();
            }

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

    async Task<double> MeasureHelpAsync()
    {
        var export = BenchmarkDirectory / "help.json";
        await Tools.RunAsync("hyperfine",
            ["--warmup", "2", "--runs", "10", "--export-json", export, "--command-name", "./build.sh --help", $"{RootDirectory / "build.sh"} --help"],
            new ToolOptions { WorkingDirectory = RootDirectory, InstallHint = "Install hyperfine (apt-get install hyperfine; scripts/ci/setup-offline.sh installs it)." });
        return HyperfineExport.MeanSeconds(File.ReadAllText(export));
    }
}

using System.Diagnostics;
using BuildEngine;
using Delivery.Benchmarks;
using Delivery.Images;
using Delivery.Pipeline;
using Serilog;
using Tooling;

/// <summary>
/// The image build's own speed for Benchmark: cold (no layer cache), after a one-file source change (the restore
/// layer is reused, publish runs again) and with no change (every layer reused), the last two also as ratios to
/// cold. It builds a copy of the committed tree (git archive HEAD), so the working tree is never touched and
/// uncommitted edits never count.
/// </summary>
partial class Build
{
    const string BuildTimeImage = "gateway-benchmark:build-time";

    async Task<IReadOnlyList<BenchmarkFigure>> MeasureBuildTimesAsync()
    {
        var context = BenchmarkDirectory / "context";
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }

        Directory.CreateDirectory(context);
        await ExportCommitAsync("HEAD", context);

        var useBuildx = await Docker.HasBuildxAsync();
        var metadata = await ImageMetadata;
        var request = Pipeline.Builder.Request(useBuildx, AppImage.Gateway, [BuildTimeImage], metadata.Labels, platform: null,
            await PinnedBaseImages) with
        {
            Context = context,
            Dockerfile = context / "Dockerfile.multistage",
            Cache = null, // the local layer cache only: the figures are about this machine
        };

        var cold = await TimeBuildAsync("cold", request with { NoCache = true });
        var unchanged = await TimeBuildAsync("no change", request);
        // A comment at the end of one source file: the project files are unchanged, so restore stays cached.
        File.AppendAllText(context / "apps" / "backend" / "Program.cs", $"{Environment.NewLine}// benchmark edit {DateTimeOffset.UtcNow:O}{Environment.NewLine}");
        var oneFile = await TimeBuildAsync("one file changed", request);
        await Docker.RunAsync(["image", "rm", BuildTimeImage], new ToolOptions { LogOutput = false, ThrowOnFailure = false });

        const string method = "Dockerfile.multistage on a copy of HEAD, local layer cache";
        return
        [
            new("Image build, cold (no layer cache)", cold, "s", $"{method}, --no-cache (the NuGet cache mount stays warm)"),
            new("Image build, one source file changed", oneFile, "s", $"{method}, apps/backend/Program.cs edited"),
            new("Image build, no change (layers reused)", unchanged, "s", method),
            new("Image build, one source file changed / cold", Statistics.Ratio(oneFile, cold), BenchmarkTable.RatioUnit, "ratio of the two builds above, same run"),
            new("Image build, no change / cold", Statistics.Ratio(unchanged, cold), BenchmarkTable.RatioUnit, "ratio of the two builds above, same run"),
        ];
    }

    async Task<double> TimeBuildAsync(string what, Delivery.Docker.DockerBuildRequest request)
    {
        var stopwatch = Stopwatch.StartNew();
        await Docker.RunAsync(Delivery.Docker.DockerBuildArguments.For(request), ImageBuilder.BuildKitOptions with { LogOutput = false });
        Log.Information("Image build, {What}: {Seconds:0.0} s", what, stopwatch.Elapsed.TotalSeconds);
        return stopwatch.Elapsed.TotalSeconds;
    }
}

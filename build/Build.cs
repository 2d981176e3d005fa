using BuildEngine;

/// <summary>
/// The gateway's delivery build. Targets live in partial files by concern (Build.Dotnet.cs, …);
/// <c>./build.sh --help</c> lists them.
/// </summary>
partial class Build : BuildBase
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build. Default: Debug on a developer machine, Release on CI.")]
    readonly Configuration Configuration = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    AbsolutePath Solution => RootDirectory / "Gateway.slnx";

    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary>
    /// After every run, whatever its outcome: metrics first (the notification may link them), then the notification.
    /// Each is on its own: neither may stop the other, nor change the build's result.
    /// </summary>
    protected override void OnBuildFinished(bool succeeded)
    {
        AfterBuild("Build metrics", () => RecordBuildMetrics(succeeded), succeeded);
        AfterBuild("Build notification", () => NotifyBuildOutcome(succeeded), succeeded);
    }

    static void AfterBuild(string what, Action action, bool succeeded)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            // Task.Wait wraps what a step's async part threw: the inner message is the one that says something.
            var message = exception is AggregateException { InnerException: { } inner } ? inner.Message : exception.Message;
            Log.Warning("{What} failed: {Message}. The build's own result ({Outcome}) stands.", what, message, succeeded ? "succeeded" : "failed");
        }
    }

    /// <summary>Writes artifacts/build-metrics.json and the image report (Build.Metrics.cs).</summary>
    partial void RecordBuildMetrics(bool succeeded);

    /// <summary>Opens, updates or closes the build-failure issue on CI (Build.Notify.cs); never fails the build.</summary>
    partial void NotifyBuildOutcome(bool succeeded);
}

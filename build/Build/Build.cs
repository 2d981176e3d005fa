using BuildEngine;
using Tooling;

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
    /// After every run, whatever its outcome: the build metrics, which CI uploads from every job and the notify job reads
    /// (Build.Notify.cs). Failing to write them may not change the build's result.
    /// </summary>
    protected override void OnBuildFinished(bool succeeded)
    {
        try
        {
            RecordBuildMetrics(succeeded);
        }
        catch (Exception exception)
        {
            Log.Warning("Build metrics failed: {Message}. The build's own result ({Outcome}) stands.", exception.Message, succeeded ? "succeeded" : "failed");
        }
    }

    /// <summary>Writes artifacts/build-metrics.json and the image report (Build.Metrics.cs).</summary>
    partial void RecordBuildMetrics(bool succeeded);
}

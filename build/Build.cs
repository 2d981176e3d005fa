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
}

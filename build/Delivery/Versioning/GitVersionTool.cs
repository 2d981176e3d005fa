using System.Reflection;
using Delivery.Git;
using Tooling;

namespace Delivery.Versioning;

/// <summary>
/// Runs the real GitVersion engine: the CLI that the GitVersion.MsBuild package carries
/// (<c>tools/net10.0/gitversion.dll</c>), brought into the NuGet packages folder by a PackageDownload in
/// Delivery.csproj, the way NuGet-delivered tools are (GitVersion.Tool, the dotnet tool, is not on our feed).
/// </summary>
public sealed class GitVersionTool(Tool dotnet, Tool git)
{
    /// <summary>The package version Delivery.csproj downloads (one MSBuild property feeds both).</summary>
    public static string PackageVersion { get; } =
        typeof(GitVersionTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "GitVersionToolVersion").Value!;

    /// <summary>Where NuGet keeps packages: NUGET_PACKAGES if set, else ~/.nuget/packages (NuGet's own rule).</summary>
    public static string PackagesFolder(IReadOnlyDictionary<string, string> environment)
    {
        var configured = environment.GetValueOrDefault("NUGET_PACKAGES");
        return !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    public static string ExpectedPath(string packagesFolder) =>
        Path.Combine(packagesFolder, "gitversion.msbuild", PackageVersion, "tools", "net10.0", "gitversion.dll");

    /// <summary>The CLI's path, or a failure that says how to get it.</summary>
    public static string Locate(string packagesFolder)
    {
        var path = ExpectedPath(packagesFolder);
        return File.Exists(path)
            ? path
            : throw new BuildFailedException(
                $"GitVersion {PackageVersion} was not found at {path}. It comes from the GitVersion.MsBuild package " +
                "(a PackageDownload in build/Delivery/Delivery.csproj): run `dotnet restore build/Delivery/Delivery.csproj` " +
                "(./build.sh does it when it builds the build) and check that NUGET_PACKAGES points where that restore puts packages.");
    }

    /// <summary>
    /// Computes the version of the repository's HEAD. Fails on a shallow clone: GitVersion would count the
    /// commits it can see and miss the tags it cannot, and print a plausible but wrong version.
    /// </summary>
    /// <param name="environment">Variables to set or (null) remove for GitVersion, which changes behaviour on a detected CI server.</param>
    public async Task<GitVersionResult> ComputeAsync(string repositoryDirectory, string packagesFolder,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var repository = new GitCli(git, repositoryDirectory);
        if (!await repository.IsRepositoryAsync())
        {
            throw new BuildFailedException(
                $"{repositoryDirectory} is not a git repository, so GitVersion cannot compute a version. Run the build in a git clone.");
        }

        if (await repository.IsShallowAsync())
        {
            throw new BuildFailedException(
                "This is a shallow clone: GitVersion needs the whole history and the tags to compute the version. " +
                "Run `git fetch --unshallow --tags`, or on GitHub Actions set `fetch-depth: 0` on actions/checkout.");
        }

        var gitVersion = Locate(packagesFolder);
        // /nofetch: the build never talks to the remote behind the user's back; /nocache: no state in .git that
        // could outlive a change of GitVersion.yml.
        var result = await dotnet([gitVersion, repositoryDirectory, "/output", "json", "/nofetch", "/nocache"],
            new ToolOptions { WorkingDirectory = repositoryDirectory, LogOutput = false, ThrowOnFailure = false, Environment = environment });
        if (!result.Succeeded)
        {
            throw new BuildFailedException(
                $"GitVersion failed (exit code {result.ExitCode}); check GitVersion.yml and the repository's branches and tags. Its output:" +
                Environment.NewLine + string.Join(Environment.NewLine, result.StandardOutputLines.Concat(result.StandardErrorLines).TakeLast(25)));
        }

        return GitVersionResult.Parse(result.StandardOutput);
    }
}

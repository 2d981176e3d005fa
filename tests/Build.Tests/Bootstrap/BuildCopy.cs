namespace Build.Tests.Bootstrap;

/// <summary>
/// A copy of what the bootstrap scripts read and write (the scripts, build/ with its bin/ and obj/, the files they hash,
/// .nuke/) in a temporary folder: a test may change an input there and let a script rebuild, while the checkout's
/// build/Build/bin/_build.dll, which may be running this very test run (./build.sh Test), is left alone.
/// </summary>
internal sealed class BuildCopy : IDisposable
{
    private static readonly string[] RootFiles =
        [BootstrapScript.Bash, BootstrapScript.PowerShell, "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "build", ".nuke"];

    private static readonly Lazy<Task<BuildCopy>> SharedCopy = new(CreateAsync);

    private BuildCopy(string root) => Root = root;

    /// <summary>
    /// One copy for all the tests (deleted by <see cref="BootstrapSetUp"/>): at a new path MSBuild recompiles every
    /// project of the build once; after that, a changed input recompiles only _build.csproj.
    /// </summary>
    public static Task<BuildCopy> Shared => SharedCopy.Value;

    public static bool IsCreated => SharedCopy.IsValueCreated;

    public string Root { get; }

    private static async Task<BuildCopy> CreateAsync()
    {
        var copy = new BuildCopy(Directory.CreateTempSubdirectory("bootstrap-").FullName);
        // cp -a keeps the modification times, so MSBuild finds what it can of the copied outputs up to date.
        var result = await Repository.Run("cp", ["-a", .. RootFiles.Select(name => Path.Combine(Repository.Root, name)), copy.Root], Repository.Root);
        if (result.ExitCode != 0)
        {
            copy.Dispose();
            throw new InvalidOperationException($"Copying the build to {copy.Root} failed: {result.StandardError}");
        }

        return copy;
    }

    /// <summary>Adds a source file to the build project: an input change that makes the compiler write a new _build.dll.</summary>
    public void ChangeAnInput() =>
        File.WriteAllText(Path.Combine(Root, "build", "Build", $"BootstrapProbe{Guid.NewGuid():N}.cs"), "// An input of the build project, changed by BootstrapTests.\n");

    /// <summary>Adds a source file that does not compile; returns it, for the test to delete.</summary>
    public string BreakAnInput()
    {
        var file = Path.Combine(Root, "build", "Build", $"BootstrapBroken{Guid.NewGuid():N}.cs");
        File.WriteAllText(file, "class BootstrapBroken { void Method() { return 1; } }\n");
        return file;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

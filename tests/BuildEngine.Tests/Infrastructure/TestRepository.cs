using Tooling;

namespace BuildEngine.Tests;

/// <summary>
/// A throw-away repository root (a temporary directory with a <c>.nuke</c> folder) in which a test build runs
/// in-process, with its own environment variables and output captured.
/// </summary>
public sealed class TestRepository : IDisposable
{
    public TestRepository()
    {
        Root = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "build-engine-tests", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(Root / ".nuke");
        WorkingDirectory = Root;
    }

    public AbsolutePath Root { get; }

    /// <summary>The only environment variables the build sees.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the build is started from; the root unless a test changes it.</summary>
    public string WorkingDirectory { get; set; }

    public string BuildLog => ReadFile(".nuke/temp/build.log");

    public void WriteFile(string relativePath, string content)
    {
        var path = Root / relativePath;
        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, content);
    }

    public string ReadFile(string relativePath) => File.ReadAllText(Root / relativePath);

    public bool FileExists(string relativePath) => (Root / relativePath).FileExists();

    public async Task<BuildResult> RunAsync(TestBuild build, params string[] arguments)
    {
        using var output = new StringWriter();
        var exitCode = await BuildRunner.Run(
            () => build,
            arguments,
            build.DefaultTargets,
            new BuildEnvironment(output, Environment, WorkingDirectory));
        return new BuildResult(exitCode, output.ToString().ReplaceLineEndings("\n"));
    }

    public void Dispose()
    {
        // The file sink has been disposed with the logger by now; nothing holds the directory open.
        Directory.Delete(Root, recursive: true);
    }
}

using Tooling;

namespace Delivery.Tests;

/// <summary>A throw-away git repository in a temp directory, driven by the git CLI, with this project's GitVersion.yml.</summary>
internal sealed class TemporaryRepository : IDisposable
{
    private static readonly string GitVersionConfiguration = RepositoryRoot.File("GitVersion.yml");

    private TemporaryRepository(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The build's process runner, silent: what the build uses is what the tests use.</summary>
    public static ToolRunner Tools { get; } = new(Serilog.Core.Logger.None, () => CancellationToken.None);

    public static async Task<TemporaryRepository> CreateAsync()
    {
        var repository = new TemporaryRepository(System.IO.Directory.CreateTempSubdirectory("delivery-tests-").FullName);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        await repository.GitAsync("config", "user.name", "Delivery Tests");
        await repository.GitAsync("config", "user.email", "delivery-tests@example.com");
        await repository.GitAsync("config", "commit.gpgsign", "false");
        await repository.GitAsync("config", "tag.gpgsign", "false");
        File.Copy(GitVersionConfiguration, Path.Combine(repository.Directory, "GitVersion.yml"));
        await repository.CommitAsync("Initial commit");
        return repository;
    }

    public async Task CommitAsync(string message)
    {
        await File.AppendAllTextAsync(Path.Combine(Directory, "changes.txt"), message + "\n");
        await GitAsync("add", "--all");
        await GitAsync("commit", "--quiet", "-m", message);
    }

    public async Task<string> GitAsync(params string[] arguments) =>
        (await Tools.RunAsync("git", arguments, new ToolOptions { WorkingDirectory = Directory, LogOutput = false })).StandardOutput.Trim();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

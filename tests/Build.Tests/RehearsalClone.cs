using System.Text.Json.Nodes;
using CliWrap.Buffered;

namespace Build.Tests;

/// <summary>
/// A clone of this repository's HEAD in a temp folder, to change and commit a workflow in and rehearse with this
/// checkout's build (run from the clone, so the clone is what it rehearses). Disposing deletes it.
/// </summary>
internal sealed class RehearsalClone : IDisposable
{
    private RehearsalClone(string root) => Root = root;

    public string Root { get; }

    public string ReportFile => Path.Combine(Root, "artifacts", "rehearsal", "report.json");

    public static async Task<RehearsalClone> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("rehearsal-clone-").FullName;
        // main at this checkout's commit, however it was checked out (a branch, a tag, a pull request's merge commit).
        var head = (await Repository.Run("git", ["rev-parse", "HEAD"], Repository.Root)).StandardOutput.Trim();
        await Git(Repository.Root, "clone", "--quiet", "--no-checkout", Repository.Root, root);
        await Git(root, "checkout", "--quiet", "-B", "main", head);
        await Git(root, "remote", "remove", "origin");
        await Git(root, "config", "user.email", "tests@example.com");
        await Git(root, "config", "user.name", "Tests");
        return new RehearsalClone(root);
    }

    /// <summary>Rewrites a committed workflow file and commits it (the rehearsal runs commits, not the working tree).</summary>
    public async Task CommitWorkflowAsync(string file, Func<string, string> change)
    {
        var path = Path.Combine(Root, ".github", "workflows", file);
        var before = await File.ReadAllTextAsync(path);
        var after = change(before);
        Assert.That(after, Is.Not.EqualTo(before), $"the change to {file} must change it");
        await File.WriteAllTextAsync(path, after);
        await Git(Root, "commit", "--quiet", "--all", "--message", $"Change {file} for a test");
    }

    /// <summary>Adds a workflow file of a test's own and commits it.</summary>
    public async Task AddWorkflowAsync(string file, string text)
    {
        var path = Path.Combine(Root, ".github", "workflows", file);
        Assert.That(File.Exists(path), Is.False, $"{file} is already a workflow of this repository");
        await File.WriteAllTextAsync(path, text);
        await Git(Root, "add", path);
        await Git(Root, "commit", "--quiet", "--message", $"Add {file} for a test");
    }

    public Task<BufferedCommandResult> RehearseAsync(params string[] arguments) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Rehearse", .. arguments], Root);

    public JsonObject Report() => JsonNode.Parse(File.ReadAllText(ReportFile))!.AsObject();

    /// <summary>Processes still running from this clone (the workflow host, docker-registry): none may outlive a rehearsal.</summary>
    public IReadOnlyList<string> ProcessesStillRunning()
    {
        var running = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
                var directory = new FileInfo(Path.Combine(process, "cwd")).LinkTarget ?? "";
                if (commandLine.Contains(Root, StringComparison.Ordinal) || directory.StartsWith(Root, StringComparison.Ordinal))
                {
                    running.Add(commandLine.Trim());
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return running;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static async Task Git(string directory, params string[] arguments)
    {
        var result = await Repository.Run("git", arguments, directory);
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {result.StandardError}");
    }
}

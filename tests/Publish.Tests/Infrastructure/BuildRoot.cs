using Delivery.Docker;

namespace Publish.Tests.Infrastructure;

/// <summary>
/// A throw-away root for the build under test, so its artifacts/, .nuke/temp/build.log and image.json are the
/// test's own and never the running build's: a git repository (GitVersion needs one) with .nuke/, the local
/// tool manifest, apps/ linked to the checkout's (read-only: the SBOM reads apps/backend's restored
/// obj/project.assets.json), and artifacts/image.json naming the already-built image, as DockerBuild leaves it.
/// </summary>
internal sealed class BuildRoot : IDisposable
{
    private BuildRoot(string directory) => Directory = directory;

    public string Directory { get; }

    public string ImageRecordFile => Path.Combine(Directory, "artifacts", "image.json");

    public string BuildLog => Path.Combine(Directory, ".nuke", "temp", "build.log");

    public static async Task<BuildRoot> CreateAsync(string imageId)
    {
        var root = new BuildRoot(System.IO.Directory.CreateTempSubdirectory("publish-tests-root-").FullName);
        System.IO.Directory.CreateDirectory(Path.Combine(root.Directory, ".nuke"));
        System.IO.Directory.CreateDirectory(Path.Combine(root.Directory, ".config"));
        File.Copy(Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"), Path.Combine(root.Directory, ".config", "dotnet-tools.json"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "global.json"), Path.Combine(root.Directory, "global.json"));
        File.CreateSymbolicLink(Path.Combine(root.Directory, "apps"), Path.Combine(RepositoryRoot.Path, "apps"));
        await File.WriteAllTextAsync(Path.Combine(root.Directory, ".gitignore"), "artifacts/\n.nuke/temp/\napps\n");
        await root.GitAsync("init", "--quiet", "--initial-branch=main");
        await root.GitAsync("-c", "user.name=Publish Tests", "-c", "user.email=publish-tests@example.com", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "--allow-empty", "-m", "Publish tests");
        new ImageRecord(["gateway:dev"], imageId, 0, "linux/amd64").Write(root.ImageRecordFile);
        return root;
    }

    /// <summary>Every file the build left under artifacts/ and .nuke/.</summary>
    public IEnumerable<string> OutputFiles() =>
        new[] { "artifacts", ".nuke" }
            .Select(folder => Path.Combine(Directory, folder))
            .Where(System.IO.Directory.Exists)
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private Task GitAsync(params string[] arguments) => Tool.RunCheckedAsync("git", arguments, Directory);
}

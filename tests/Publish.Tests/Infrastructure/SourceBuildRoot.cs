namespace Publish.Tests.Infrastructure;

/// <summary>
/// A throw-away root holding a copy of the checkout's source files (tracked and new, as <c>git ls-files</c> lists
/// them), committed into a fresh git repository: the build under test builds its images from here (DockerBuild
/// needs the whole build context, which symbolic links cannot provide) and writes its artifacts here, never
/// into the checkout.
/// </summary>
internal sealed class SourceBuildRoot : IDisposable
{
    private SourceBuildRoot(string directory) => Directory = directory;

    public string Directory { get; }

    public string ImageRecordFile => Path.Combine(Directory, "artifacts", "image.json");

    public static async Task<SourceBuildRoot> CreateAsync()
    {
        var root = new SourceBuildRoot(System.IO.Directory.CreateTempSubdirectory("multiarch-tests-root-").FullName);
        var files = await Tool.RunCheckedAsync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], RepositoryRoot.Path);
        foreach (var file in files.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(RepositoryRoot.Path, file);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree
            }

            var target = Path.Combine(root.Directory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        await Tool.RunCheckedAsync("git", ["init", "--quiet", "--initial-branch=main"], root.Directory);
        await Tool.RunCheckedAsync("git", ["add", "--all"], root.Directory);
        await Tool.RunCheckedAsync("git",
            ["-c", "user.name=Publish Tests", "-c", "user.email=publish-tests@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Multi-arch tests"],
            root.Directory);
        return root;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

namespace Image.Tests.Infrastructure;

/// <summary>The checkout these tests run in: the first folder above the test directory with build.sh.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] relativePath) => System.IO.Path.Combine([Path, .. relativePath]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (a folder with build.sh) above {TestContext.CurrentContext.TestDirectory}.");
    }
}

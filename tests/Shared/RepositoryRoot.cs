namespace TestSupport;

/// <summary>
/// The checkout these tests run in: the first folder above the test directory with build.sh and .nuke/ (the build's
/// own root markers), and the built build in it.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The built build, what ./build.sh runs (build/Build/bin/_build.dll).</summary>
    public static string BuildDll => File("build", "Build", "bin", "_build.dll");

    public static string File(params string[] relativePath) => System.IO.Path.Combine([Path, .. relativePath]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh"))
                && Directory.Exists(System.IO.Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with build.sh and .nuke/) above {TestContext.CurrentContext.TestDirectory}.");
    }
}

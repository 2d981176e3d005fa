namespace Publish.Tests.Infrastructure;

/// <summary>The checkout these tests run in: its built build (build/bin/_build.dll, what ./build.sh runs) and its apps.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string BuildDll => Path.Combine(Root, "build", "Build", "bin", "_build.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with build.sh and .nuke/) above {TestContext.CurrentContext.TestDirectory}.");
    }
}

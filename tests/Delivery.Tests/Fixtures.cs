namespace Delivery.Tests;

/// <summary>Files under tests/Delivery.Tests/Fixtures/, read from the source tree (the project copies nothing to its output).</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "tests", "Delivery.Tests", "Fixtures", .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Gateway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with Gateway.slnx) above {TestContext.CurrentContext.TestDirectory}.");
    }
}

namespace Delivery.Tests;

/// <summary>Files under tests/Delivery.Tests/Fixtures/, read from the source tree (the project copies nothing to its output).</summary>
internal static class Fixtures
{
    public static string RepositoryRoot => TestSupport.RepositoryRoot.Path;

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "tests", "Delivery.Tests", "Fixtures", .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));
}

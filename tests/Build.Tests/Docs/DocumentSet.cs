namespace Build.Tests.Docs;

/// <summary>The Markdown documents users read: README.md and everything under docs/, relative to the repository root.</summary>
internal static class DocumentSet
{
    public static IReadOnlyList<string> All { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static string Read(string path) => File.ReadAllText(Path.Combine(Repository.Root, path));
}

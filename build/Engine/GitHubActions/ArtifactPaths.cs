namespace BuildEngine;

/// <summary>
/// Where actions/upload-artifact roots an artifact, so that download-artifact can put the files back where the
/// producing target wrote them. upload-artifact keeps paths only below the root: below the part of a glob before its
/// first wildcard, below the folder of a single literal file, below the common ancestor of several paths.
/// </summary>
internal static class ArtifactPaths
{
    private static readonly char[] Wildcards = ['*', '?', '['];

    /// <summary>The folder (relative to the workspace, "" for the workspace itself) an artifact of these globs extracts to.</summary>
    public static string Root(IReadOnlyList<string> globs)
    {
        if (globs.Count == 1)
        {
            var glob = globs[0];
            return IsLiteral(glob) ? string.Join('/', Segments(glob).SkipLast(1)) : SearchPath(glob);
        }

        var paths = globs.Select(glob => Segments(SearchPath(glob))).ToList();
        var common = paths[0].TakeWhile((segment, index) => paths.All(path => path.Length > index && path[index] == segment));
        return string.Join('/', common);
    }

    /// <summary>The glob up to its first segment with a wildcard: the folder it searches, or the file it names.</summary>
    public static string SearchPath(string glob) => string.Join('/', Segments(glob).TakeWhile(segment => segment.IndexOfAny(Wildcards) < 0));

    public static bool IsLiteral(string glob) => glob.IndexOfAny(Wildcards) < 0;

    private static string[] Segments(string path) =>
        path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
}

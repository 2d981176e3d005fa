using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// actions/cache's service, kept between rehearsals (.nuke/temp/rehearsal-cache): entries are scoped to the ref
/// that saved them, and a run reads its own ref's entries, then the default branch's (for a pull request: its
/// merge ref, then the base branch), as GitHub's cache isolation does. Restore keys match by prefix, newest first.
/// </summary>
public sealed class CacheStore(AbsolutePath directory)
{
    public string? Find(IReadOnlyList<string> scopes, string key, IReadOnlyList<string> restoreKeys)
    {
        foreach (var scope in scopes)
        {
            var exact = EntryPath(scope, key);
            if (File.Exists(exact))
            {
                return exact;
            }
        }

        foreach (var prefix in restoreKeys)
        {
            foreach (var scope in scopes)
            {
                var folder = directory / Escape(scope);
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                var newest = new DirectoryInfo(folder).EnumerateFiles("*.tar")
                    .Where(file => Unescape(Path.GetFileNameWithoutExtension(file.Name)).StartsWith(prefix, StringComparison.Ordinal))
                    .MaxBy(file => file.LastWriteTimeUtc);
                if (newest is not null)
                {
                    return newest.FullName;
                }
            }
        }

        return null;
    }

    public bool Contains(string scope, string key) => File.Exists(EntryPath(scope, key));

    /// <summary>Moves a finished archive into place; a key once saved is immutable, as on GitHub.</summary>
    public void Save(string scope, string key, string archive)
    {
        var target = EntryPath(scope, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(archive, target, overwrite: false);
    }

    public static string KeyOf(string entryPath) => Unescape(Path.GetFileNameWithoutExtension(entryPath));

    private string EntryPath(string scope, string key) => directory / Escape(scope) / (Escape(key) + ".tar");

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static string Unescape(string text) => Uri.UnescapeDataString(text);
}

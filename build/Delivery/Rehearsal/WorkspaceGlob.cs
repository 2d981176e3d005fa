using System.Text;
using System.Text.RegularExpressions;

namespace Delivery.Rehearsal;

/// <summary>
/// The glob patterns actions take in path: inputs (@actions/glob): one per line, relative to the workspace or
/// absolute, * and ? within a segment, ** across segments, a leading ! excludes; a folder matches all its files.
/// </summary>
public static class WorkspaceGlob
{
    public static IReadOnlyList<string> Match(IEnumerable<string> patterns, Func<string, string> resolve)
    {
        var matched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in patterns)
        {
            var exclude = line.StartsWith('!');
            var pattern = resolve(exclude ? line[1..] : line);
            var files = Expand(pattern);
            if (exclude)
            {
                matched.ExceptWith(files);
            }
            else
            {
                matched.UnionWith(files);
            }
        }

        return [.. matched];
    }

    /// <summary>The part of a pattern before its first wildcard: where the search starts (upload-artifact roots files there).</summary>
    public static string SearchPath(string pattern)
    {
        var segments = pattern.Split('/');
        var literal = segments.TakeWhile(segment => segment.IndexOfAny(['*', '?', '[']) < 0).ToList();
        return literal.Count == segments.Length ? pattern : string.Join('/', literal);
    }

    private static IEnumerable<string> Expand(string pattern)
    {
        var root = SearchPath(pattern);
        if (root == pattern)
        {
            return File.Exists(pattern) ? [pattern]
                : Directory.Exists(pattern) ? Directory.EnumerateFiles(pattern, "*", SearchOption.AllDirectories)
                : [];
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = new Regex(ToRegex(pattern), RegexOptions.None, TimeSpan.FromSeconds(1));
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(file => regex.IsMatch(file));
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var index = 0; index < pattern.Length; index++)
        {
            if (pattern[index] == '*' && index + 1 < pattern.Length && pattern[index + 1] == '*')
            {
                regex.Append(".*");
                index += index + 2 < pattern.Length && pattern[index + 2] == '/' ? 2 : 1;
                continue;
            }

            regex.Append(pattern[index] switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                var character => Regex.Escape(character.ToString()),
            });
        }

        return regex.Append('$').ToString();
    }
}

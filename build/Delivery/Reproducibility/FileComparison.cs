using System.Globalization;

namespace Delivery.Reproducibility;

/// <summary>
/// The differences between two sets of files (two images' final trees, or one layer of each) as lines, by path and
/// then in a fixed order of attributes: <c>/app/Gateway.dll: content differs (sha256 ab12… vs cd34…)</c>, <c>/app/x: only
/// in the first build</c>, <c>/app/y: mtime … vs …</c>.
/// </summary>
internal static class FileComparison
{
    private const int ShownHexDigits = 12;

    public static IEnumerable<(string Path, string Line)> Differences(IReadOnlyDictionary<string, ImageFile> first, IReadOnlyDictionary<string, ImageFile> second)
    {
        foreach (var path in first.Keys.Union(second.Keys).Order(StringComparer.Ordinal))
        {
            var inFirst = first.TryGetValue(path, out var a);
            var inSecond = second.TryGetValue(path, out var b);
            if (!inSecond)
            {
                yield return (path, $"{path}: only in the {ImageComparison.First}");
            }
            else if (!inFirst)
            {
                yield return (path, $"{path}: only in the {ImageComparison.Second}");
            }
            else
            {
                foreach (var difference in Attributes(a!, b!))
                {
                    yield return (path, $"{path}: {difference}");
                }
            }
        }
    }

    private static IEnumerable<string> Attributes(ImageFile first, ImageFile second)
    {
        if (first.Type != second.Type)
        {
            yield return $"type {Name(first.Type)} vs {Name(second.Type)}";
        }
        else if (first.Sha256 != second.Sha256)
        {
            var sizes = first.Size == second.Size ? "" : string.Create(CultureInfo.InvariantCulture, $", {first.Size} vs {second.Size} bytes");
            yield return $"content differs (sha256 {Short(first.Sha256)} vs {Short(second.Sha256)}{sizes})";
        }

        if (first.LinkTarget != second.LinkTarget)
        {
            yield return $"link target {first.LinkTarget ?? "(none)"} vs {second.LinkTarget ?? "(none)"}";
        }

        if (first.Mode != second.Mode)
        {
            yield return $"mode {Octal(first.Mode)} vs {Octal(second.Mode)}";
        }

        if (first.Uid != second.Uid || first.Gid != second.Gid)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"owner {first.Uid}:{first.Gid} vs {second.Uid}:{second.Gid}");
        }

        if (first.ModificationTime != second.ModificationTime)
        {
            yield return $"mtime {Time(first.ModificationTime)} vs {Time(second.ModificationTime)}";
        }

        foreach (var name in first.ExtendedAttributes.Keys.Union(second.ExtendedAttributes.Keys).Order(StringComparer.Ordinal))
        {
            var inFirst = first.ExtendedAttributes.TryGetValue(name, out var a);
            var inSecond = second.ExtendedAttributes.TryGetValue(name, out var b);
            // Values such as security.capability are binary: naming the attribute is what helps.
            if (inFirst != inSecond || a != b)
            {
                yield return !inSecond ? $"xattr {name} only in the {ImageComparison.First}"
                    : !inFirst ? $"xattr {name} only in the {ImageComparison.Second}"
                    : $"xattr {name} differs";
            }
        }
    }

    private static string Name(ImageFileType type) => type switch
    {
        ImageFileType.File => "file",
        ImageFileType.Directory => "directory",
        ImageFileType.SymbolicLink => "symlink",
        ImageFileType.HardLink => "hard link",
        ImageFileType.CharacterDevice => "character device",
        ImageFileType.BlockDevice => "block device",
        _ => "fifo",
    };

    private static string Short(string? sha256) => sha256 is null ? "(none)" : sha256.Length > ShownHexDigits ? $"{sha256[..ShownHexDigits]}…" : sha256;

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    /// <summary>UTC to the second, with the fraction only where there is one: rewrite-timestamp clamps to whole seconds.</summary>
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

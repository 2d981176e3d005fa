namespace Delivery.Metrics;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file next to it, which is then moved over it. A reader
/// (a CI step uploading artifacts, a dashboard) sees the old file or the new one, never half of one, and a write that
/// fails halfway leaves the old file as it was.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Same directory, so the move is a rename on one file system; a unique name, so two writers never share it.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

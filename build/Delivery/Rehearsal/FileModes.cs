namespace Delivery.Rehearsal;

/// <summary>
/// File modes for what the host writes and the job's runner user (uid 1001, not the host's user) must read or
/// write. Jobs run in Linux containers; on Windows the modes do not exist and nothing is changed.
/// </summary>
internal static class FileModes
{
    /// <summary>rwxrwxrwx: a folder both the host and the runner write into.</summary>
    public static void SharedFolder(string path) => Set(path, (UnixFileMode)0b111_111_111);

    /// <summary>rw-rw-rw-: a file the runner overwrites (file commands, downloaded artifacts).</summary>
    public static void SharedFile(string path) => Set(path, (UnixFileMode)0b110_110_110);

    /// <summary>rwxr-xr-x: a script or tool the runner executes.</summary>
    public static void Executable(string path) => Set(path, (UnixFileMode)0b111_101_101);

    private static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}

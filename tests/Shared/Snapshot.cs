namespace TestSupport;

/// <summary>
/// Compares text with a committed <c>Snapshots/&lt;name&gt;.verified.txt</c> of the test project. On a mismatch it
/// writes <c>&lt;name&gt;.received.txt</c> beside it and fails; with <c>UPDATE_SNAPSHOTS=1</c> it accepts the new text
/// instead. One file, linked into every test project that snapshots (tests/Shared).
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name)
    {
        var directory = SnapshotDirectory();
        var verified = Path.Combine(directory, $"{name}.verified.txt");
        var received = Path.Combine(directory, $"{name}.received.txt");
        actual = actual.ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(
            (expected is null ? $"No snapshot {verified} yet." : $"Snapshot {name} differs.") + Environment.NewLine +
            $"Compare: diff {verified} {received}" + Environment.NewLine +
            "If the new text is right, rerun with UPDATE_SNAPSHOTS=1 (or rename the .received.txt file) and commit it.");
    }

    /// <summary>
    /// The Snapshots folder of the running test project: from the test binaries (bin/&lt;configuration&gt;/&lt;tfm&gt;)
    /// upwards to the folder holding the project file, which works whatever path the compiler recorded.
    /// </summary>
    private static string SnapshotDirectory()
    {
        var project = typeof(Snapshot).Assembly.GetName().Name + ".csproj";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, project)))
            {
                return Path.Combine(directory.FullName, "Snapshots");
            }
        }

        throw new DirectoryNotFoundException($"Cannot find {project} above {AppContext.BaseDirectory}, so neither its Snapshots folder.");
    }
}

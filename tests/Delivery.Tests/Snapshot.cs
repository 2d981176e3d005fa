using System.Runtime.CompilerServices;

namespace Delivery.Tests;

/// <summary>
/// Compares text with a committed <c>Snapshots/&lt;name&gt;.verified.txt</c>. On a mismatch it writes
/// <c>&lt;name&gt;.received.txt</c> beside it and fails; with <c>UPDATE_SNAPSHOTS=1</c> it accepts the new text instead.
/// (The same rule as tests/BuildEngine.Tests; the two test projects share no code.)
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

    /// <summary>The Snapshots folder in the source tree, found from this file's compile-time path, else from the repository root.</summary>
    private static string SnapshotDirectory([CallerFilePath] string thisFile = "")
    {
        var fromSource = Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "Snapshots");
        return Directory.Exists(fromSource)
            ? fromSource
            : Path.Combine(Fixtures.RepositoryRoot, "tests", "Delivery.Tests", "Snapshots");
    }
}

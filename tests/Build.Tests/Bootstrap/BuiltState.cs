namespace Build.Tests.Bootstrap;

/// <summary>
/// What a bootstrap script leaves in a checkout when it builds the build project: build/Build/bin/_build.dll and the stamp
/// with its inputs' hash, and when each was written. A run that decided to rebuild rewrites the stamp even when MSBuild
/// found nothing to compile, so an unchanged state means the script did not rebuild.
/// </summary>
internal sealed record BuiltState(DateTime DllWritten, DateTime StampWritten, string Stamp)
{
    public static BuiltState Of(string root)
    {
        var stamp = Path.Combine(root, ".nuke", "temp", "build-inputs.sha256");
        return new(
            File.GetLastWriteTimeUtc(Path.Combine(root, "build", "Build", "bin", "_build.dll")),
            File.GetLastWriteTimeUtc(stamp),
            File.Exists(stamp) ? File.ReadAllText(stamp) : "");
    }
}

using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// The workflow run's artifacts, with upload/download-artifact v4 semantics: a name is unique within the run
/// (a second upload of it fails with GitHub's 409), files are stored relative to their upload root.
/// </summary>
public sealed class ArtifactStore(AbsolutePath directory)
{
    public IReadOnlyList<string> Names =>
        Directory.Exists(directory) ? [.. Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    public bool Exists(string name) => Directory.Exists(directory / name);

    public int Upload(string name, string root, IReadOnlyList<string> files)
    {
        if (Exists(name))
        {
            throw new BuildFailedException(
                $"Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run ({name}).");
        }

        foreach (var file in files)
        {
            var target = directory / name / Path.GetRelativePath(root, file);
            Directory.CreateDirectory(target.Parent);
            File.Copy(file, target);
        }

        return files.Count;
    }

    /// <summary>Copies an artifact's files under <paramref name="destination"/>; readable and writable by the runner user.</summary>
    public void Download(string name, string destination)
    {
        var source = directory / name;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            FileModes.SharedFile(target);
        }

        foreach (var folder in Directory.EnumerateDirectories(destination, "*", SearchOption.AllDirectories).Prepend(destination))
        {
            FileModes.SharedFolder(folder);
        }
    }
}

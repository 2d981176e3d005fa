using Tooling;

namespace Delivery.Signing;

/// <summary>
/// The --cosign-key value as a file cosign can read: a path is used as it is; PEM content (a CI secret holding
/// the key itself) is written to a file readable only by this user, deleted on dispose.
/// </summary>
public sealed class CosignKeyFile : IDisposable
{
    private readonly bool temporary;

    private CosignKeyFile(string path, bool temporary) => (Path, this.temporary) = (path, temporary);

    public string Path { get; }

    public static bool IsPem(string value) => value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);

    public static CosignKeyFile From(string pathOrPem, string temporaryDirectory, string parameterName)
    {
        if (!IsPem(pathOrPem))
        {
            return File.Exists(pathOrPem)
                ? new CosignKeyFile(System.IO.Path.GetFullPath(pathOrPem), temporary: false)
                : throw new BuildFailedException($"{parameterName}: '{pathOrPem}' is neither a file nor PEM content (-----BEGIN …).");
        }

        Directory.CreateDirectory(temporaryDirectory);
        var path = System.IO.Path.Combine(temporaryDirectory, $"cosign-{Guid.NewGuid():N}.key");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by this user only, from the moment it exists.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pathOrPem.Trim() + "\n");
        }

        return new CosignKeyFile(path, temporary: true);
    }

    public void Dispose()
    {
        if (temporary && File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}

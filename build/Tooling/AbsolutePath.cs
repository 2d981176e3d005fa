namespace Tooling;

/// <summary>A normalised absolute file-system path; <c>Root / "src" / "app.csproj"</c> combines.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private AbsolutePath(string path) => Value = path;

    public string Value { get; }

    public string Name => Path.GetFileName(Value);

    public AbsolutePath Parent => new(Path.GetDirectoryName(Value) ?? Value);

    public static AbsolutePath Create(string path, string? baseDirectory = null) =>
        new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory())));

    public static AbsolutePath operator /(AbsolutePath left, string right) => Create(Path.Combine(left.Value, right));

    public static implicit operator string(AbsolutePath path) => path.Value;

    public bool FileExists() => File.Exists(Value);

    public bool DirectoryExists() => Directory.Exists(Value);

    /// <summary>The path relative to <paramref name="root"/>, with forward slashes (for logs and generated files).</summary>
    public string RelativeTo(AbsolutePath root) => Path.GetRelativePath(root.Value, Value).Replace('\\', '/');

    public bool Equals(AbsolutePath? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as AbsolutePath);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}

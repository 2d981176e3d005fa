namespace BuildEngine.Yaml;

/// <summary>
/// The small YAML model the workflow generator emits: ordered mappings, sequences and scalars, with an
/// optional end-of-line comment (the version beside a pinned action SHA).
/// </summary>
internal abstract class YamlNode;

internal sealed class YamlScalar(string value, bool isTyped = false) : YamlNode
{
    public string Value { get; } = value;

    /// <summary>A number or boolean, written bare so YAML reads it as one (strings that look like one get quotes).</summary>
    public bool IsTyped { get; } = isTyped;

    public static implicit operator YamlScalar(string value) => new(value);
}

internal sealed class YamlSequence(IReadOnlyList<YamlNode> items) : YamlNode
{
    public IReadOnlyList<YamlNode> Items { get; } = items;
}

internal sealed record YamlEntry(string Key, YamlNode Value, string? Comment = null);

internal sealed class YamlMapping : YamlNode
{
    private readonly List<YamlEntry> entries = [];

    public IReadOnlyList<YamlEntry> Entries => entries;

    public int Count => entries.Count;

    /// <summary>Adds an entry; null values are left out, so optional keys read naturally at the call site.</summary>
    public YamlMapping Add(string key, YamlNode? value, string? comment = null)
    {
        if (value is not null)
        {
            entries.Add(new YamlEntry(key, value, comment));
        }

        return this;
    }

    public YamlMapping Add(string key, string? value, string? comment = null) =>
        Add(key, value is null ? null : new YamlScalar(value), comment);

    public YamlMapping Add(string key, int value) =>
        Add(key, new YamlScalar(value.ToString(System.Globalization.CultureInfo.InvariantCulture), isTyped: true));

    public YamlMapping Add(string key, bool value) => Add(key, new YamlScalar(value ? "true" : "false", isTyped: true));

    public YamlMapping Add(string key, IEnumerable<string> values) => Add(key, new YamlSequence([.. values.Select(value => new YamlScalar(value))]));
}

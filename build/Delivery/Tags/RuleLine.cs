namespace Delivery.Tags;

/// <summary>One field of a rule line: <c>key=value</c>, or a bare value (key null).</summary>
public sealed record RuleField(string? Key, string Value);

/// <summary>
/// The line syntax metadata-action reads its <c>tags</c> and <c>flavor</c> inputs with (csv-parse on one line, then
/// each field split at its first <c>=</c>): comma-separated fields, a field in double quotes may hold commas
/// (<c>"pattern=a,b"</c>, a quote inside doubled), key and value trimmed and the key case-insensitive.
/// </summary>
public static class RuleLine
{
    public static IReadOnlyList<RuleField> Split(string line)
    {
        var fields = new List<RuleField>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var character = line[i];
            if (character == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (character == '"')
            {
                quoted = !quoted;
            }
            else if (character == ',' && !quoted)
            {
                fields.Add(ToField(current.ToString()));
                current.Clear();
            }
            else
            {
                current.Append(character);
            }
        }

        if (quoted)
        {
            throw new FormatException("a double quote is not closed");
        }

        fields.Add(ToField(current.ToString()));
        return fields;
    }

    /// <summary>Writes <c>key=value</c>, quoted when the value holds a comma or a quote, so <see cref="Split"/> reads it back.</summary>
    public static string Field(string key, string value)
    {
        var field = $"{key}={value}";
        return value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
    }

    private static RuleField ToField(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? new RuleField(null, text.Trim())
            : new RuleField(text[..equals].Trim().ToLowerInvariant(), text[(equals + 1)..].Trim());
    }
}

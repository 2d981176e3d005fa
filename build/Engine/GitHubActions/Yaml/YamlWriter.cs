using System.Text;
using System.Text.RegularExpressions;

namespace BuildEngine.Yaml;

/// <summary>
/// Writes the model in block style with two-space indentation, quoting a scalar only where YAML would read it
/// as something else (a boolean, a number, a comment, a mapping), so the output looks hand-written.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(YamlMapping document, string? header = null)
    {
        var text = new StringBuilder();
        foreach (var line in (header ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("# ").AppendLine(line.TrimEnd());
        }

        if (header is not null)
        {
            text.AppendLine();
        }

        WriteMapping(text, document, 0, topLevelSpacing: true);
        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, YamlMapping mapping, int indent, bool topLevelSpacing = false, bool firstInline = false)
    {
        var first = true;
        YamlEntry? previous = null;
        foreach (var entry in mapping.Entries)
        {
            // A blank line between top-level entries, except after a "|+" block, which would take it as its content.
            if (topLevelSpacing && !first && !(previous?.Value is YamlScalar { Value: var kept } && kept.EndsWith("\n\n", StringComparison.Ordinal)))
            {
                text.AppendLine();
            }

            var prefix = first && firstInline ? "" : new string(' ', indent);
            first = false;
            text.Append(prefix).Append(Key(entry.Key)).Append(':');
            WriteValue(text, entry.Value, indent, entry.Comment);
            previous = entry;
        }
    }

    private static void WriteValue(StringBuilder text, YamlNode value, int indent, string? comment)
    {
        switch (value)
        {
            case YamlScalar scalar when scalar.Value.Contains('\n', StringComparison.Ordinal):
                WriteLiteralBlock(text, scalar.Value, indent, comment);
                break;
            case YamlScalar scalar:
                text.Append(' ').Append(Scalar(scalar));
                AppendComment(text, comment);
                break;
            case YamlMapping { Count: 0 }:
                text.Append(" {}");
                AppendComment(text, comment);
                break;
            case YamlSequence { Items.Count: 0 }:
                text.Append(" []");
                AppendComment(text, comment);
                break;
            case YamlMapping mapping:
                AppendComment(text, comment);
                WriteMapping(text, mapping, indent + 2);
                break;
            case YamlSequence sequence:
                AppendComment(text, comment);
                WriteSequence(text, sequence, indent + 2);
                break;
        }
    }

    /// <summary>
    /// A literal block, one line per path or command. The chomping indicator keeps the final newlines as they are
    /// ("|-" none, "|" one, "|+" more); an indentation indicator is needed when the first line starts with spaces.
    /// </summary>
    private static void WriteLiteralBlock(StringBuilder text, string value, int indent, string? comment)
    {
        var chomping = !value.EndsWith('\n') ? "-" : value.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "";
        var lines = (chomping == "-" ? value : value[..^1]).Split('\n');
        var indentation = lines.FirstOrDefault(line => line.Length > 0)?.StartsWith(' ') == true ? "2" : "";
        text.Append(" |").Append(indentation).Append(chomping);
        AppendComment(text, comment);
        foreach (var line in lines)
        {
            text.Append(line.Length > 0 ? new string(' ', indent + 2) : "").AppendLine(line);
        }
    }

    private static void WriteSequence(StringBuilder text, YamlSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            text.Append(new string(' ', indent)).Append('-');
            switch (item)
            {
                case YamlScalar scalar:
                    text.Append(' ').AppendLine(Scalar(scalar));
                    break;
                case YamlMapping { Count: > 0 } mapping:
                    text.Append(' ');
                    WriteMapping(text, mapping, indent + 2, firstInline: true);
                    break;
                default:
                    WriteValue(text, item, indent, comment: null);
                    break;
            }
        }
    }

    private static void AppendComment(StringBuilder text, string? comment)
    {
        if (comment is not null)
        {
            text.Append(" # ").Append(comment);
        }

        text.AppendLine();
    }

    // Keys are identifiers (on, runs-on, id-token): only characters that change the structure need quotes.
    private static string Key(string key) => key.Length == 0 || key.Contains(": ", StringComparison.Ordinal) || key.Contains('#') ? Quote(key) : key;

    private static string Scalar(YamlScalar scalar) => scalar.IsTyped ? scalar.Value : Scalar(scalar.Value);

    private static string Scalar(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Multi-line scalars are only supported as mapping values: {value}");
        }

        return NeedsQuotes(value) ? Quote(value) : value;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value != value.Trim()
        || ReservedWord().IsMatch(value)
        || NumberLike().IsMatch(value)
        || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal) && !value.StartsWith("${{", StringComparison.Ordinal)
        || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal)
        || value.EndsWith(':');

    [GeneratedRegex("^(?i:true|false|yes|no|on|off|y|n|null|~)$")]
    private static partial Regex ReservedWord();

    [GeneratedRegex(@"^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$")]
    private static partial Regex NumberLike();
}

using System.Text;
using System.Text.RegularExpressions;

namespace Build.Tests.Docs;

/// <summary>
/// One <c>./build.sh …</c> command line found in a Markdown document, in a fenced code block or an inline code span,
/// with the targets and options it names.
/// </summary>
internal sealed partial record DocumentedCommand(string File, int Line, string Text, IReadOnlyList<string> Targets, IReadOnlyList<string> Options)
{
    /// <summary>Options whose values are target names: those are checked as targets.</summary>
    private static readonly string[] TargetListOptions = ["--skip", "--target"];

    /// <summary>Every command of one document. <paramref name="file"/> only names it in the results.</summary>
    public static IEnumerable<DocumentedCommand> Find(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var prose = new StringBuilder();
        var proseLines = new List<int>(); // prose character offset → line number, per line start
        var inFence = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (Fence().IsMatch(line))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                var command = line;
                // A shell continuation joins the next line, as bash would.
                while (command.EndsWith('\\') && index + 1 < lines.Length && !Fence().IsMatch(lines[index + 1]))
                {
                    command = command[..^1] + " " + lines[++index];
                }

                foreach (var found in FromText(file, index + 1, command))
                {
                    yield return found;
                }

                continue;
            }

            proseLines.Add(prose.Length);
            prose.Append(line).Append('\n');
            proseLines.Add(index + 1);
        }

        // Inline code spans may wrap across lines; a span never crosses a blank line.
        foreach (Match span in CodeSpan().Matches(prose.ToString()))
        {
            var line = LineOf(proseLines, span.Index);
            foreach (var found in FromText(file, line, span.Groups["code"].Value.Replace('\n', ' ')))
            {
                yield return found;
            }
        }
    }

    private static int LineOf(List<int> offsetsAndLines, int offset)
    {
        var line = 1;
        for (var pair = 0; pair < offsetsAndLines.Count && offsetsAndLines[pair] <= offset; pair += 2)
        {
            line = offsetsAndLines[pair + 1];
        }

        return line;
    }

    private static IEnumerable<DocumentedCommand> FromText(string file, int line, string text)
    {
        foreach (Match invocation in Invocation().Matches(text))
        {
            var rest = Placeholder().Replace(text[(invocation.Index + invocation.Length)..], "<placeholder>");
            // A quote without its pair closes one opened before the command ("Run './build.sh --help' to list …",
            // a Mermaid label's "…"): the command ends there.
            foreach (var quote in new[] { '\'', '"' })
            {
                if (rest.Count(character => character == quote) % 2 == 1)
                {
                    rest = rest[..rest.IndexOf(quote, StringComparison.Ordinal)];
                }
            }

            var tokens = Tokenize(rest).TakeWhile(token => !EndsCommand(token)).ToList();
            var targets = new List<string>();
            var options = new List<string>();
            string? currentOption = null;
            foreach (var token in tokens)
            {
                if (OptionName().Match(token) is { Success: true } option)
                {
                    currentOption = option.Value;
                    options.Add(currentOption);
                }
                else if (IsPlaceholder(token))
                {
                    // <Target>, …, $VARIABLE: an example's blank, not a name.
                }
                else if (currentOption is null || TargetListOptions.Contains(currentOption))
                {
                    targets.Add(token);
                }
            }

            yield return new DocumentedCommand(file, line, "./build.sh" + string.Concat(tokens.Select(token => " " + token)), targets, options);
        }
    }

    private static bool EndsCommand(string token) =>
        token.StartsWith('|') || token.StartsWith('&') || token.StartsWith(';') || token.StartsWith('>') || token.StartsWith("2>", StringComparison.Ordinal)
        || token.StartsWith('#') || token.StartsWith('(') || token.StartsWith(')') || token.StartsWith("//", StringComparison.Ordinal);

    private static bool IsPlaceholder(string token) =>
        token.IndexOfAny(['<', '>', '…', '$', '[', ']', '{', '}', '*', '/', '.', '=', ':', ',', '"', '\'', '`']) >= 0 || token.Contains("...", StringComparison.Ordinal);

    /// <summary>Splits like a shell: whitespace separates, quotes group (and are kept off the token).</summary>
    private static IEnumerable<string> Tokenize(string text)
    {
        var token = new StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var character in text)
        {
            if (quote is not null)
            {
                if (character == quote)
                {
                    quote = null;
                }
                else
                {
                    token.Append(character);
                }
            }
            else if (character is '"' or '\'')
            {
                quote = character;
                any = true;
            }
            else if (char.IsWhiteSpace(character))
            {
                if (any || token.Length > 0)
                {
                    yield return token.ToString();
                }

                token.Clear();
                any = false;
            }
            else
            {
                token.Append(character);
            }
        }

        if (any || token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    /// <summary>A blank to fill in, possibly of several words: <c>&lt;its invoked targets&gt;</c>.</summary>
    [GeneratedRegex(@"<[^<>\n]*>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^--[A-Za-z0-9][A-Za-z0-9-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?<!`)`(?!`)(?<code>[^`]+?)`(?!`)")]
    private static partial Regex CodeSpan();

    /// <summary>The bootstrap scripts, as a user types them: <c>./build.sh</c>, <c>./build.ps1</c>, <c>.\build.cmd</c>.</summary>
    [GeneratedRegex(@"(?<![\w/.-])\.[/\\]build\.(?:sh|ps1|cmd)(?![\w.-])")]
    private static partial Regex Invocation();
}

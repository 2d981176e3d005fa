using System.Text;
using System.Text.RegularExpressions;

namespace Build.Tests.Docs;

/// <summary>
/// An ATX heading of a Markdown document (not a <c>#</c> line inside a fenced code block): its level, text, the anchor
/// GitHub derives from it, an explicit <c>&lt;a id="…"&gt;&lt;/a&gt;</c> it carries, and its code spans.
/// </summary>
internal sealed partial record MarkdownHeading(int Line, int Level, string Text, string Slug, string? ExplicitAnchor, IReadOnlyList<string> CodeSpans)
{
    public override string ToString() => $"line {Line}: {new string('#', Level)} {Text}";

    public static IReadOnlyList<MarkdownHeading> Parse(string markdown)
    {
        var headings = new List<MarkdownHeading>();
        var slugsSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (Fence().IsMatch(lines[index]))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || Heading().Match(lines[index]) is not { Success: true } heading)
            {
                continue;
            }

            var text = heading.Groups["text"].Value.Trim();
            var slug = AnchorOf(text);
            // GitHub numbers a repeated anchor: the second "Permissions" is #permissions-1.
            var seen = slugsSeen.GetValueOrDefault(slug);
            slugsSeen[slug] = seen + 1;
            var anchor = Anchor().Match(text);
            headings.Add(new MarkdownHeading(index + 1, heading.Groups["hashes"].Length, text, seen == 0 ? slug : $"{slug}-{seen}",
                anchor.Success ? anchor.Groups["id"].Value : null,
                [.. CodeSpan().Matches(text).Select(match => match.Groups["code"].Value)]));
        }

        return headings;
    }

    /// <summary>GitHub's heading anchor: HTML dropped, lower case, punctuation but '-' and '_' dropped, spaces to '-'.</summary>
    public static string AnchorOf(string text)
    {
        var slug = new StringBuilder();
        foreach (var character in Html().Replace(text, "").Trim().ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(character);
            if (char.IsLetterOrDigit(character) || category is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.ConnectorPunctuation
                || character == '-')
            {
                slug.Append(character);
            }
            else if (character == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+id=""(?<id>[^""]+)""\s*>\s*</a>")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Html();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();
}

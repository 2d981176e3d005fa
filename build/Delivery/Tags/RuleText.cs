using Tooling;

namespace Delivery.Tags;

/// <summary>
/// A multi-line rule text as metadata-action's inputs take it (<c>getInputList</c> with <c>ignoreComma</c> and
/// <c>#</c> comments): one entry per line, blank lines and whole-line comments skipped. Each line keeps its number
/// so an error can name it.
/// </summary>
internal static class RuleText
{
    public static IEnumerable<(int Number, string Line)> Lines(string text) =>
        text.Split('\n')
            .Select((line, index) => (Number: index + 1, Line: line.Trim()))
            .Where(entry => entry.Line.Length > 0 && !entry.Line.StartsWith('#'));

    /// <summary>The error every unreadable line gets: which parameter, which line, what is wrong, what would do.</summary>
    public static BuildFailedException Error(string source, int number, string line, string problem, string expected) =>
        new($"{source} line {number} `{line}`: {problem}; expected {expected}");
}

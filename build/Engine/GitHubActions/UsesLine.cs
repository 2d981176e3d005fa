using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>
/// A <c>uses: owner/repo[/path]@ref # comment</c> line of a committed workflow, as the generator writes it and
/// Dependabot rewrites it (a new SHA and a new version comment, in place).
/// </summary>
internal sealed partial record UsesLine(string File, int Number, string Action, string Ref, string? Comment)
{
    public static IEnumerable<UsesLine> Read(string file, string text) =>
        text.Split('\n').Select((line, index) => (Match: Pattern().Match(line.TrimEnd('\r')), Number: index + 1))
            .Where(found => found.Match.Success)
            .Select(found => new UsesLine(file, found.Number, found.Match.Groups["action"].Value, found.Match.Groups["ref"].Value,
                found.Match.Groups["comment"].Success ? found.Match.Groups["comment"].Value : null));

    public string Location => $"{File}:{Number}";

    public bool IsCommitSha => GitHubActionsCatalog.IsCommitSha(Ref);

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*['""]?(?<action>[^@\s'""]+)@(?<ref>[^\s'""#]+)['""]?(\s+#\s*(?<comment>\S+))?\s*$")]
    private static partial Regex Pattern();
}

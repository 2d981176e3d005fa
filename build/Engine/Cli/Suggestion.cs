namespace BuildEngine;

/// <summary>
/// "Did you mean X?" for a mistyped target or parameter: the closest known names by Damerau-Levenshtein distance
/// (a swapped pair of letters counts as one edit), compared without case and dashes, within a third of the name's length.
/// </summary>
internal static class Suggestion
{
    /// <summary>" Did you mean DockerBuild?" (with a leading space), or "" when no name is close enough.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        var key = Key(typed);
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(candidate => (Candidate: candidate, Distance: Distance(key, Key(candidate))))
            .Where(scoredCandidate => scoredCandidate.Distance <= Math.Max(1, Key(scoredCandidate.Candidate).Length / 3))
            .ToList();
        if (scored.Count == 0)
        {
            return "";
        }

        var best = scored.Min(scoredCandidate => scoredCandidate.Distance);
        var closest = scored.Where(scoredCandidate => scoredCandidate.Distance == best).Select(scoredCandidate => scoredCandidate.Candidate).Take(3);
        return $" Did you mean {string.Join(" or ", closest)}?";
    }

    /// <summary>The optimal-string-alignment form of Damerau-Levenshtein: insertions, deletions, substitutions, adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Key(string name) => ParameterNames.Normalize(name);
}

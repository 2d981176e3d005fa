namespace Delivery.Scanning;

/// <summary>
/// The vulnerability IDs a <c>.trivyignore</c> lists: one per line, <c>#</c> comments, optional
/// <c>exp:YYYY-MM-DD</c> after the ID (an expired entry no longer ignores anything, as in Trivy).
/// </summary>
public static class TrivyIgnoreFile
{
    public static IReadOnlySet<string> Parse(string text, DateOnly today)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var expiry = parts.Skip(1).FirstOrDefault(part => part.StartsWith("exp:", StringComparison.Ordinal));
            if (expiry is not null && DateOnly.TryParse(expiry[4..], System.Globalization.CultureInfo.InvariantCulture, out var expires) && expires < today)
            {
                continue;
            }

            ids.Add(parts[0]);
        }

        return ids;
    }

    public static IReadOnlySet<string> Read(string path, DateOnly today) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), today) : new HashSet<string>();
}

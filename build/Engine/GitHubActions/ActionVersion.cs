using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>
/// The release an action pin names in its comment (<c>v7.0.1</c>, <c>v0.24.0</c>, <c>v4</c>): compared as semantic
/// versions (numbers numerically, a pre-release before its release), so that the newer of two pins wins however the
/// tag is written.
/// </summary>
internal sealed partial class ActionVersion : IComparable<ActionVersion>
{
    private readonly long[] numbers;
    private readonly string[] preRelease;

    private ActionVersion(string text, long[] numbers, string[] preRelease)
    {
        Text = text;
        this.numbers = numbers;
        this.preRelease = preRelease;
    }

    /// <summary>As written beside the SHA.</summary>
    public string Text { get; }

    public static ActionVersion? TryParse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var numbers = match.Groups["numbers"].Value.Split('.').Select(part => long.TryParse(part, out var number) ? number : -1).ToArray();
        if (numbers.Any(number => number < 0))
        {
            return null;
        }

        var preRelease = match.Groups["pre"].Success ? match.Groups["pre"].Value.Split('.') : [];
        return new ActionVersion(text, numbers, preRelease);
    }

    public int CompareTo(ActionVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var index = 0; index < Math.Max(numbers.Length, other.numbers.Length); index++)
        {
            var compared = numbers.ElementAtOrDefault(index).CompareTo(other.numbers.ElementAtOrDefault(index));
            if (compared != 0)
            {
                return compared;
            }
        }

        // 1.0.0-rc.1 < 1.0.0: a release outranks its pre-releases.
        if (preRelease.Length == 0 || other.preRelease.Length == 0)
        {
            return other.preRelease.Length.CompareTo(preRelease.Length);
        }

        for (var index = 0; index < Math.Min(preRelease.Length, other.preRelease.Length); index++)
        {
            var compared = ComparePreRelease(preRelease[index], other.preRelease[index]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return preRelease.Length.CompareTo(other.preRelease.Length);
    }

    public override string ToString() => Text;

    private static int ComparePreRelease(string left, string right) =>
        (long.TryParse(left, out var leftNumber), long.TryParse(right, out var rightNumber)) switch
        {
            (true, true) => leftNumber.CompareTo(rightNumber),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };

    [GeneratedRegex(@"^v?(?<numbers>\d+(\.\d+){0,3})(-(?<pre>[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Pattern();
}

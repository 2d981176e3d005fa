using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Events;
using Delivery.Retention;
using Delivery.Versioning;
using Tooling;

namespace Delivery.Tags;

/// <summary>
/// <c>type=semver,pattern=…</c>: a version from a git tag (or from <see cref="Value"/>) rendered through a
/// pattern of <c>{{version}}</c>, <c>{{major}}</c>, <c>{{minor}}</c>, <c>{{patch}}</c>, <c>{{raw}}</c>.
/// A pre-release renders as <c>{{version}}</c> whatever the pattern (unless the pattern is exactly <c>{{raw}}</c>),
/// so <c>v2.0.0-rc.1</c> never moves <c>2.0</c> or <c>2</c>; and only a stable version counts for <c>latest=auto</c>.
/// </summary>
public sealed partial record SemverTagRule(string Pattern) : TagRule
{
    /// <summary>A version to use instead of the git tag (metadata-action's <c>value=</c>).</summary>
    public string? Value { get; init; }

    protected override int DefaultPriority => 900;

    protected override string DescribeType() => "type=semver," + RuleLine.Field("pattern", Pattern) + (Value is null ? "" : "," + RuleLine.Field("value", Value));

    internal override TagValue? Evaluate(EventContext context)
    {
        var text = Value ?? (context.TagName is { } tag ? tag.Replace('/', '-') : null);
        if (text is null || SemanticVersion.TryParse(text) is not { } version)
        {
            return null;
        }

        var pattern = version.IsPreRelease && !IsRawPattern() ? "{{version}}" : Pattern;
        return new TagValue(Render(pattern, version), !version.IsPreRelease, RetentionPolicy.ForVersion(version));
    }

    private bool IsRawPattern() => RawOnly().IsMatch(Pattern);

    private static string Render(string pattern, SemanticVersion version) =>
        Placeholder().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "version" => version.Version,
            "major" => version.Major.ToString(CultureInfo.InvariantCulture),
            "minor" => version.Minor.ToString(CultureInfo.InvariantCulture),
            "patch" => version.Patch.ToString(CultureInfo.InvariantCulture),
            "raw" => version.Raw,
            var name => throw new BuildFailedException(
                $"The semver tag pattern '{pattern}' uses {{{{{name}}}}}, which does not exist. Use {{{{version}}}}, {{{{major}}}}, {{{{minor}}}}, {{{{patch}}}} or {{{{raw}}}}."),
        });

    [GeneratedRegex(@"\{\{\s*(?<name>\w+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\{\{\s*raw\s*\}\}$")]
    private static partial Regex RawOnly();
}

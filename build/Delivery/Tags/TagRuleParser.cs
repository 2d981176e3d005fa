using System.Globalization;
using System.Text.RegularExpressions;
using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// Reads <c>--image-tags</c>: docker/metadata-action's <c>tags</c> input, one rule per line, into the rule types
/// (<c>type=ref|semver|sha|raw|edge|schedule</c> with <c>prefix=</c>, <c>suffix=</c>, <c>enable=</c>, <c>priority=</c>).
/// Reading what <see cref="TagRule.Describe"/> wrote gives the same rule back. A line it cannot read fails the
/// build naming the line and what was expected; types the evaluator has no context for (match, pep440) are
/// refused rather than ignored.
/// </summary>
public static partial class TagRuleParser
{
    public const string DefaultSource = "--image-tags";

    private static readonly string[] SupportedTypes = ["ref", "semver", "sha", "raw", "edge", "schedule"];

    private static readonly string[] CommonKeys = ["type", "prefix", "suffix", "enable", "priority"];

    private static readonly Dictionary<string, string[]> TypeKeys = new(StringComparer.Ordinal)
    {
        ["ref"] = ["event"],
        ["semver"] = ["pattern", "value"],
        ["sha"] = ["format"],
        ["raw"] = ["value"],
        ["edge"] = ["branch"],
        ["schedule"] = ["pattern"],
    };

    private static readonly string[] SemverPlaceholders = ["version", "major", "minor", "patch", "raw"];

    public static IReadOnlyList<TagRule> Parse(string text, string source = DefaultSource)
    {
        var rules = RuleText.Lines(text).Select(entry => ParseLine(entry.Line, entry.Number, source)).ToList();
        return rules.Count > 0
            ? rules
            : throw new Tooling.BuildFailedException(
                $"{source} has no rule: write one per line, e.g. type=ref,event=branch (docs/versioning.md lists the defaults).");
    }

    private static TagRule ParseLine(string line, int number, string source)
    {
        try
        {
            return ParseFields(line, number, source);
        }
        catch (RuleSyntaxException exception)
        {
            throw RuleText.Error(source, number, line, exception.Problem, exception.Expected);
        }
    }

    private static TagRule ParseFields(string line, int number, string source)
    {
        Exception Fail(string problem, string expected) => RuleText.Error(source, number, line, problem, expected);

        IReadOnlyList<RuleField> fields;
        try
        {
            fields = RuleLine.Split(line);
        }
        catch (FormatException exception)
        {
            throw Fail(exception.Message, "fields like type=raw,\"value=a,b\"");
        }

        // metadata-action: a field without '=' is the value; later fields override earlier ones.
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            attributes[field.Key ?? "value"] = field.Value;
        }

        var type = attributes.GetValueOrDefault("type", "raw");
        if (!TypeKeys.TryGetValue(type, out var typeKeys))
        {
            throw type is "match" or "pep440"
                ? Fail($"type={type} is not supported here", "one of " + Types())
                : Fail($"unknown type '{type}'", "one of " + Types());
        }

        if (attributes.Keys.FirstOrDefault(key => !CommonKeys.Contains(key) && !typeKeys.Contains(key)) is { } unknown)
        {
            throw Fail($"type={type} has no attribute '{unknown}'", "attributes " + string.Join(", ", typeKeys.Concat(CommonKeys.Skip(1)).Select(key => key + "=")));
        }

        TagRule rule = type switch
        {
            "ref" => ParseRef(attributes, Fail),
            "semver" => ParseSemver(attributes, Fail),
            "sha" => ParseSha(attributes, Fail),
            "edge" => new EdgeTagRule(attributes.GetValueOrDefault("branch") is { Length: > 0 } branch ? branch : null),
            "schedule" => ParseSchedule(attributes, Fail),
            _ => ParseRaw(attributes, Fail),
        };

        return rule with
        {
            Prefix = Affix(attributes, "prefix"),
            Suffix = Affix(attributes, "suffix"),
            Enable = attributes.TryGetValue("enable", out var enable) ? Condition(enable, Fail) : TagCondition.Always,
            Priority = attributes.TryGetValue("priority", out var priority) ? Priority(priority, Fail) : null,
        };
    }

    private static string Types() => string.Join(", ", SupportedTypes.Select(type => "type=" + type));

    private static RefTagRule ParseRef(Dictionary<string, string> attributes, Func<string, string, Exception> fail) =>
        attributes.GetValueOrDefault("event") switch
        {
            null => throw fail("event is missing", "event=branch, event=tag or event=pr"),
            "branch" => new RefTagRule(RefKind.Branch),
            "tag" => new RefTagRule(RefKind.Tag),
            "pr" => new RefTagRule(RefKind.PullRequest),
            var other => throw fail($"event '{other}' is not a ref event", "event=branch, event=tag or event=pr"),
        };

    private static SemverTagRule ParseSemver(Dictionary<string, string> attributes, Func<string, string, Exception> fail)
    {
        const string Expected = "e.g. pattern={{version}}";
        var pattern = attributes.GetValueOrDefault("pattern") ?? throw fail("pattern is missing", Expected);
        if (pattern.Length == 0)
        {
            throw fail("pattern is empty", Expected);
        }

        var placeholders = Placeholder().Matches(pattern).Select(match => match.Groups["name"].Value).ToList();
        if (placeholders.FirstOrDefault(name => !SemverPlaceholders.Contains(name)) is { } unknown)
        {
            throw fail($"pattern uses {{{{{unknown}}}}}", "{{version}}, {{major}}, {{minor}}, {{patch}} or {{raw}}");
        }

        var value = attributes.GetValueOrDefault("value");
        return new SemverTagRule(pattern) { Value = value is { Length: > 0 } ? Literal(value, "value", fail) : null };
    }

    private static ShaTagRule ParseSha(Dictionary<string, string> attributes, Func<string, string, Exception> fail) =>
        attributes.GetValueOrDefault("format", "short") switch
        {
            "short" => new ShaTagRule(),
            "long" => new ShaTagRule(ShaFormat.Long),
            var other => throw fail($"format '{other}' is not a sha format", "format=short or format=long"),
        };

    private static RawTagRule ParseRaw(Dictionary<string, string> attributes, Func<string, string, Exception> fail)
    {
        var value = attributes.GetValueOrDefault("value") ?? throw fail("value is missing", "e.g. type=raw,value=edge");
        ValueExpressions.Check(value, "value", RawTagRule.BuildVersionPlaceholder);
        return new RawTagRule(value);
    }

    // metadata-action's default pattern is nightly; an empty one would never make a tag, so it is refused.
    private static ScheduleTagRule ParseSchedule(Dictionary<string, string> attributes, Func<string, string, Exception> fail)
    {
        var pattern = attributes.GetValueOrDefault("pattern", ScheduleTagRule.DefaultPattern);
        if (pattern.Length == 0)
        {
            throw fail("pattern is empty", "e.g. pattern=nightly or pattern={{date 'YYYYMMDD'}}");
        }

        ValueExpressions.CheckDateOnly(pattern, "pattern");
        return new ScheduleTagRule(pattern);
    }

    /// <summary>A prefix or suffix: literal, or with the expressions metadata-action expands there (<c>{{date …}}</c>, …).</summary>
    private static string? Affix(Dictionary<string, string> attributes, string key)
    {
        if (!attributes.TryGetValue(key, out var value))
        {
            return null;
        }

        ValueExpressions.Check(value, key);
        return value;
    }

    private static string Literal(string value, string key, Func<string, string, Exception> fail) =>
        Placeholder().IsMatch(value)
            ? throw fail($"{key} uses an expression, which the build does not expand here", $"a literal {key}")
            : value;

    private static TagCondition Condition(string text, Func<string, string, Exception> fail)
    {
        var normalized = Whitespace().Replace(text, "").ToLowerInvariant();
        return TagCondition.All.FirstOrDefault(condition => condition.Expression == normalized)
            ?? throw fail($"enable '{text}' is not a condition the build knows",
                "enable= one of " + string.Join(", ", TagCondition.All.Select(condition => condition.Expression)));
    }

    private static int Priority(string text, Func<string, string, Exception> fail) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            ? priority
            : throw fail($"priority '{text}' is not a whole number", "e.g. priority=1000");

    [GeneratedRegex(@"\{\{\s*(?<name>[^}\s]+)[^}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

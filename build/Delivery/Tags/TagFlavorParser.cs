namespace Delivery.Tags;

/// <summary>
/// Reads <c>--image-flavor</c>: docker/metadata-action's <c>flavor</c> input (<c>latest=auto|true|false</c>,
/// <c>prefix=…</c> and <c>suffix=…</c>, each optionally <c>,onlatest=true</c>), one or more entries per line. A prefix
/// or suffix may hold the expressions a raw value may (<see cref="ValueExpressions"/>).
/// </summary>
public static class TagFlavorParser
{
    public const string DefaultSource = "--image-flavor";

    private const string Keys = "latest=auto|true|false, prefix=…, suffix=… (optionally followed by ,onlatest=true|false)";

    public static TagFlavor Parse(string text, string source = DefaultSource)
    {
        var flavor = TagFlavor.Default;
        foreach (var (number, line) in RuleText.Lines(text))
        {
            Exception Fail(string problem, string expected) => RuleText.Error(source, number, line, problem, expected);

            IReadOnlyList<RuleField> fields;
            try
            {
                fields = RuleLine.Split(line);
            }
            catch (FormatException exception)
            {
                throw Fail(exception.Message, Keys);
            }

            // As metadata-action: onlatest= applies to the prefix or suffix written before it on the same line.
            string? onLatestFor = null;
            foreach (var field in fields)
            {
                flavor = field.Key switch
                {
                    null => throw Fail($"'{field.Value}' has no '='", Keys),
                    "latest" => flavor with { Latest = Latest(field.Value, Fail) },
                    "prefix" => flavor with { Prefix = Affix(field.Value, "prefix", Fail) },
                    "suffix" => flavor with { Suffix = Affix(field.Value, "suffix", Fail) },
                    "onlatest" => OnLatest(flavor, onLatestFor, field.Value, Fail),
                    var key => throw Fail($"unknown flavor key '{key}'", Keys),
                };
                onLatestFor = field.Key is "prefix" or "suffix" ? field.Key : onLatestFor;
            }
        }

        return flavor;
    }

    // metadata-action expands the flavor's prefix and suffix like a rule's ({{date …}}, {{branch}}, …): checked here.
    private static string Affix(string value, string key, Func<string, string, Exception> fail)
    {
        try
        {
            ValueExpressions.Check(value, key);
            return value;
        }
        catch (RuleSyntaxException exception)
        {
            throw fail(exception.Problem, exception.Expected);
        }
    }

    private static LatestMode Latest(string value, Func<string, string, Exception> fail) => value switch
    {
        "auto" => LatestMode.Auto,
        "true" => LatestMode.True,
        "false" => LatestMode.False,
        _ => throw fail($"latest '{value}' is not a latest mode", "latest=auto, latest=true or latest=false"),
    };

    private static TagFlavor OnLatest(TagFlavor flavor, string? onLatestFor, string value, Func<string, string, Exception> fail)
    {
        var onLatest = value switch
        {
            "true" => true,
            "false" => false,
            _ => throw fail($"onlatest '{value}' is not true or false", "onlatest=true or onlatest=false"),
        };
        return onLatestFor switch
        {
            "prefix" => flavor with { PrefixOnLatest = onLatest },
            "suffix" => flavor with { SuffixOnLatest = onLatest },
            // metadata-action ignores an onlatest that follows no prefix or suffix; so do we.
            _ => flavor,
        };
    }
}

using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Delivery.Rehearsal;

/// <summary>
/// Whether a workflow's <c>on:</c> fires for an event and ref, with GitHub's filter rules: branch and tag
/// filters of push (a push filtered only by branches ignores tags, and the reverse), the base branch of a pull
/// request, schedules (which GitHub runs on the default branch only) and workflow_dispatch.
/// </summary>
public static class TriggerFilter
{
    public static bool Fires(JsonObject on, string eventName, GitReference reference, string defaultBranch)
    {
        if (!on.TryGetPropertyValue(eventName, out var trigger))
        {
            return false;
        }

        var filters = trigger as JsonObject;
        return eventName switch
        {
            "push" => PushFires(filters, reference),
            // A pull request into the default branch: its branch filters match the base branch.
            "pull_request" => Matches(filters, "branches", defaultBranch),
            _ => true,
        };
    }

    private static bool PushFires(JsonObject? filters, GitReference reference)
    {
        var hasBranchFilter = Has(filters, "branches") || Has(filters, "branches-ignore");
        var hasTagFilter = Has(filters, "tags") || Has(filters, "tags-ignore");
        if (!hasBranchFilter && !hasTagFilter)
        {
            return true;
        }

        return reference.IsTag
            ? hasTagFilter && Matches(filters, "tags", reference.Name)
            : hasBranchFilter && Matches(filters, "branches", reference.Name);
    }

    /// <summary>branches/tags: some pattern matches (later !patterns exclude again); branches-ignore/tags-ignore: none does.</summary>
    private static bool Matches(JsonObject? filters, string kind, string name)
    {
        if (Patterns(filters, kind) is { } include)
        {
            var matched = false;
            foreach (var pattern in include)
            {
                var negated = pattern.StartsWith('!');
                if (IsMatch(negated ? pattern[1..] : pattern, name))
                {
                    matched = !negated;
                }
            }

            return matched;
        }

        return Patterns(filters, kind + "-ignore") is not { } ignore || !ignore.Any(pattern => IsMatch(pattern, name));
    }

    private static bool Has(JsonObject? filters, string key) => filters?[key] is JsonArray;

    private static List<string>? Patterns(JsonObject? filters, string key) =>
        filters?[key] is JsonArray patterns ? [.. patterns.Select(pattern => pattern!.ToString())] : null;

    /// <summary>GitHub's filter pattern: * (not /), ** (anything), ? and + (of the previous character), [a-z].</summary>
    public static bool IsMatch(string pattern, string name)
    {
        var regex = new StringBuilder("^");
        for (var index = 0; index < pattern.Length; index++)
        {
            var character = pattern[index];
            switch (character)
            {
                case '*' when index + 1 < pattern.Length && pattern[index + 1] == '*':
                    regex.Append(".*");
                    index++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?' or '+':
                    regex.Append(character);
                    break;
                case '[':
                    var end = pattern.IndexOf(']', index);
                    regex.Append(end > index ? pattern[index..(end + 1)] : Regex.Escape("["));
                    index = end > index ? end : index;
                    break;
                default:
                    regex.Append(Regex.Escape(character.ToString()));
                    break;
            }
        }

        return Regex.IsMatch(name, regex.Append('$').ToString(), RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}

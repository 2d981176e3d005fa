using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary>
/// docker/metadata-action's algorithm (v6 <c>getVersion</c>): rules by descending priority (declaration order
/// among equals), each enabled rule adds its value unless already present; the first rule that yields a value
/// decides <c>latest</c> under <c>latest=auto</c>; <c>latest</c> goes last. On top of the action, every tag is
/// made to satisfy Docker's grammar (<see cref="DockerTag"/>).
/// </summary>
public static class TagEvaluator
{
    public const string Latest = "latest";

    public static TagSet Evaluate(IEnumerable<TagRule> rules, TagFlavor flavor, EventContext context)
    {
        var tags = new List<ImageTag>();
        bool? latest = null;
        foreach (var rule in rules.Select((rule, index) => (rule, index))
                     .OrderByDescending(entry => entry.rule.EffectivePriority).ThenBy(entry => entry.index).Select(entry => entry.rule))
        {
            if (!rule.Enable.IsMet(context) || rule.Evaluate(context) is not { } produced
                || DockerTag.Sanitize(rule.Decorate(produced.Value, flavor, context)) is not { } tag)
            {
                continue;
            }

            if (tags.All(existing => existing.Value != tag))
            {
                tags.Add(new ImageTag(tag, produced.Retention, rule.Describe()));
            }

            latest ??= flavor.Latest switch
            {
                LatestMode.True => true,
                LatestMode.False => false,
                _ => produced.LatestWhenAuto,
            };
        }

        // metadata-action adds latest only when some rule produced a tag: no image, no latest.
        if (latest == true && tags.All(existing => existing.Value != flavor.LatestTag))
        {
            tags.Add(new ImageTag(flavor.LatestTag, RetentionClass.StableRelease, $"flavor latest={flavor.Latest.ToString().ToLowerInvariant()}"));
        }

        return new TagSet(tags);
    }
}

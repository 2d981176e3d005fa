using Delivery.Retention;

namespace Delivery.Tags;

/// <summary>A tag the image gets, with the rule that made it (for the log) and how long the registry keeps it.</summary>
public sealed record ImageTag(string Value, RetentionClass Retention, string Rule)
{
    public override string ToString() => Value;
}

namespace Delivery.Tags;

/// <summary>
/// The outcome of evaluating the rules: tags in metadata-action's order (the main tag first, <c>latest</c> last).
/// <see cref="Main"/> is the highest-priority rule's tag, metadata-action's <c>version</c> output.
/// </summary>
public sealed record TagSet(IReadOnlyList<ImageTag> Tags)
{
    public string? Main => Tags.Count > 0 ? Tags[0].Value : null;

    public bool HasLatest => Tags.Any(tag => tag.Value == TagEvaluator.Latest);

    public IEnumerable<string> Values => Tags.Select(tag => tag.Value);
}

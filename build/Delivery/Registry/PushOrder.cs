using Delivery.Retention;
using Delivery.Tags;
using Delivery.Versioning;

namespace Delivery.Registry;

/// <summary>
/// The order tags are pushed in: immutable tags (a full version, a commit) first, then moving ones (<c>1.2</c>,
/// <c>main</c>), <c>latest</c> last. If a push breaks halfway, what landed is the image under its own names, and
/// the tags people follow still point at the previous, complete release.
/// </summary>
public static class PushOrder
{
    public static IReadOnlyList<ImageTag> Order(IEnumerable<ImageTag> tags) => [.. tags.OrderBy(Rank)];

    public static bool IsImmutable(ImageTag tag) => tag.Retention switch
    {
        RetentionClass.Commit => true,
        RetentionClass.StableRelease or RetentionClass.PreRelease => SemanticVersion.TryParse(tag.Value) is not null,
        _ => false,
    };

    private static int Rank(ImageTag tag) => tag.Value == TagEvaluator.Latest ? 2 : IsImmutable(tag) ? 0 : 1;
}

using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// A rule's <c>enable=</c> condition (metadata-action's <c>enable={{is_default_branch}}</c> and friends) as a
/// typed predicate. <see cref="Expression"/> is how <c>--image-tags</c> writes it; <see cref="Description"/> is
/// the same in words.
/// </summary>
public sealed record TagCondition(string Expression, string Description, Func<EventContext, bool> Predicate)
{
    public static TagCondition Always { get; } = new("true", "always", _ => true);

    public static TagCondition Never { get; } = new("false", "never", _ => false);

    /// <summary>metadata-action's <c>{{is_default_branch}}</c>.</summary>
    public static TagCondition OnDefaultBranch { get; } = new("{{is_default_branch}}", "on the default branch", context => context.IsDefaultBranch);

    /// <summary>metadata-action's <c>{{is_not_default_branch}}</c>: anything but a push to the default branch.</summary>
    public static TagCondition OffDefaultBranch { get; } = new("{{is_not_default_branch}}", "off the default branch", context => !context.IsDefaultBranch);

    /// <summary>
    /// Ours: in a workflow one writes <c>enable=${{ github.ref_type == 'branch' }}</c>, which GitHub resolves before
    /// metadata-action sees it; the build has no GitHub expressions, so it names the condition itself.
    /// </summary>
    public static TagCondition OnBranch { get; } = new("{{is_branch}}", "on a branch", context => context.Kind == RefKind.Branch);

    /// <summary>Every condition <c>enable=</c> accepts.</summary>
    public static IReadOnlyList<TagCondition> All { get; } = [Always, Never, OnDefaultBranch, OffDefaultBranch, OnBranch];

    public bool IsMet(EventContext context) => Predicate(context);

    public override string ToString() => Description;
}

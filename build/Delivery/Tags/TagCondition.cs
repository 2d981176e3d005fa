using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// A rule's <c>enable=</c> condition (metadata-action's <c>enable={{is_default_branch}}</c> and friends) as a
/// typed predicate; <see cref="Description"/> is what the Version target prints for it.
/// </summary>
public sealed record TagCondition(string Description, Func<EventContext, bool> Predicate)
{
    public static TagCondition Always { get; } = new("always", _ => true);

    public static TagCondition Never { get; } = new("never", _ => false);

    /// <summary>metadata-action's <c>{{is_default_branch}}</c>.</summary>
    public static TagCondition OnDefaultBranch { get; } = new("on the default branch", context => context.IsDefaultBranch);

    public static TagCondition OnBranch { get; } = new("on a branch", context => context.Kind == RefKind.Branch);

    public bool IsMet(EventContext context) => Predicate(context);

    public override string ToString() => Description;
}

namespace Delivery.Events;

/// <summary>What the built ref is: the kinds docker/metadata-action's <c>type=ref</c> rules distinguish.</summary>
public enum RefKind
{
    /// <summary>Neither branch, tag nor pull request (a detached HEAD built locally).</summary>
    Other,
    Branch,
    Tag,
    PullRequest,
}

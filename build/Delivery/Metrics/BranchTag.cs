using Delivery.Retention;
using Delivery.Tags;

namespace Delivery.Metrics;

/// <summary>The branch's moving tag among a build's tags (<c>main</c>, <c>feature-x</c>): the tag whose previous image a build is compared with.</summary>
public static class BranchTag
{
    /// <summary>Null for builds without one: release tags, pull requests (which never push), detached commits.</summary>
    public static string? Of(TagSet tags) =>
        tags.Tags.FirstOrDefault(tag => tag.Retention is RetentionClass.DefaultBranch or RetentionClass.Branch)?.Value;
}

namespace Delivery.Events;

/// <summary>
/// Combines GitHub's description of the event (when on GitHub Actions) with the local clone's: GitHub wins
/// where it says something, the clone fills the rest. Locally a tag at HEAD is built as that tag (like a tag
/// push), else the current branch.
/// </summary>
public static class EventContextResolver
{
    public static EventContext Resolve(GitHubEvent? github, LocalCheckout local)
    {
        var localRef = local.Tag is { } tag ? EventContext.TagPrefix + tag
            : local.Branch is { } branch ? EventContext.BranchPrefix + branch
            : "";
        var reference = github?.Ref ?? localRef;
        var isPullRequest = reference.StartsWith(EventContext.PullPrefix, StringComparison.Ordinal);
        return new EventContext
        {
            EventName = github?.EventName ?? (github is null ? "local" : "push"),
            Ref = reference,
            // A pull request's GITHUB_SHA is a merge commit GitHub makes up; its head is the commit people know.
            Sha = (isPullRequest ? github?.PullRequestHeadSha : null) ?? github?.Sha ?? local.Sha,
            Repository = github?.Repository ?? local.OriginRepository,
            ServerUrl = github?.ServerUrl ?? "https://github.com",
            PullRequestNumber = github?.PullRequestNumber,
            DefaultBranch = github?.DefaultBranch ?? local.DefaultBranch ?? "main",
        };
    }
}

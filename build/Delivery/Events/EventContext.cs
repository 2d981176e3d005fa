namespace Delivery.Events;

/// <summary>
/// What is being built and why: the event and git ref (as GitHub Actions describes them, or as the local
/// clone does), and the commit. Tag rules and labels are computed from this alone, so tests build it directly.
/// </summary>
public sealed record EventContext
{
    /// <summary>GITHUB_EVENT_NAME (push, pull_request, workflow_dispatch, …), or "local" outside CI.</summary>
    public required string EventName { get; init; }

    /// <summary>The full ref: refs/heads/main, refs/tags/v1.2.3, refs/pull/42/merge; empty on a detached HEAD.</summary>
    public required string Ref { get; init; }

    /// <summary>The commit the image is built from (for pull requests, the head of the pull request: see docs/versioning.md).</summary>
    public required string Sha { get; init; }

    /// <summary>owner/name as GitHub spells it (case kept; image names are lowercased later), if known.</summary>
    public string? Repository { get; init; }

    public string ServerUrl { get; init; } = "https://github.com";

    public int? PullRequestNumber { get; init; }

    /// <summary>The repository's default branch (event payload, or origin/HEAD locally); edge tags and retention use it.</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>
    /// The build's "now", read once when the context is built, so every <c>{{date …}}</c> of every tag shows the same
    /// instant; null where no clock was given (a date expression then fails saying so).
    /// </summary>
    public DateTimeOffset? Now { get; init; }

    public RefKind Kind =>
        Ref.StartsWith(BranchPrefix, StringComparison.Ordinal) ? RefKind.Branch
        : Ref.StartsWith(TagPrefix, StringComparison.Ordinal) ? RefKind.Tag
        : Ref.StartsWith(PullPrefix, StringComparison.Ordinal) ? RefKind.PullRequest
        : RefKind.Other;

    /// <summary>refs/heads/my/branch → my/branch; null unless a branch is built.</summary>
    public string? BranchName => Kind == RefKind.Branch ? Ref[BranchPrefix.Length..] : null;

    /// <summary>refs/tags/v1.2.3 → v1.2.3; null unless a tag is built.</summary>
    public string? TagName => Kind == RefKind.Tag ? Ref[TagPrefix.Length..] : null;

    /// <summary>The pull request's number: from the event payload, else from refs/pull/&lt;n&gt;/merge.</summary>
    public int? PullRequest =>
        Kind != RefKind.PullRequest ? null
        : PullRequestNumber ?? (int.TryParse(Ref[PullPrefix.Length..].Split('/')[0], out var number) ? number : null);

    public bool IsDefaultBranch => BranchName is not null && BranchName == DefaultBranch;

    /// <summary>https://github.com/owner/name, if the repository is known.</summary>
    public string? RepositoryUrl => Repository is null ? null : $"{ServerUrl.TrimEnd('/')}/{Repository}";

    public const string BranchPrefix = "refs/heads/";
    public const string TagPrefix = "refs/tags/";
    public const string PullPrefix = "refs/pull/";
}

using System.Globalization;
using Delivery.Events;

namespace Delivery.Notifications;

/// <summary>
/// The GitHub Actions run a notification is about: the workflow (GITHUB_WORKFLOW), the run and its attempt
/// (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT), and from the event context the ref and commit.
/// </summary>
public sealed record CiRun
{
    public required string Workflow { get; init; }

    /// <summary>The branch or tag as people say it: main, v1.2.3.</summary>
    public required string RefName { get; init; }

    public required string Sha { get; init; }

    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }

    public required string ServerUrl { get; init; }

    public required long RunId { get; init; }

    public int RunAttempt { get; init; } = 1;

    /// <summary>A release tag's run: all tags share one failure issue, since a tag is rarely built twice.</summary>
    public bool IsTag { get; init; }

    /// <summary>The run's page; a re-run attempt gets its own page, so the link names the attempt when it is not the first.</summary>
    public string RunUrl =>
        $"{ServerUrl.TrimEnd('/')}/{Repository}/actions/runs/{RunId.ToString(CultureInfo.InvariantCulture)}"
        + (RunAttempt > 1 ? $"/attempts/{RunAttempt.ToString(CultureInfo.InvariantCulture)}" : "");

    public string CommitUrl => $"{ServerUrl.TrimEnd('/')}/{Repository}/commit/{Sha}";

    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>The run described by GitHub Actions' environment; null when it lacks a run id or a repository to link to.</summary>
    public static CiRun? From(IReadOnlyDictionary<string, string> environment, EventContext context)
    {
        string? Variable(string name) => environment.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        if (!long.TryParse(Variable("GITHUB_RUN_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var runId)
            || (Variable("GITHUB_REPOSITORY") ?? context.Repository) is not { } repository)
        {
            return null;
        }

        return new CiRun
        {
            Workflow = Variable("GITHUB_WORKFLOW") ?? "CI",
            RefName = context.BranchName ?? context.TagName ?? context.Ref,
            IsTag = context.Kind == RefKind.Tag,
            Sha = context.Sha,
            Repository = repository,
            ServerUrl = Variable("GITHUB_SERVER_URL") ?? context.ServerUrl,
            RunId = runId,
            RunAttempt = int.TryParse(Variable("GITHUB_RUN_ATTEMPT"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt > 0 ? attempt : 1,
        };
    }
}

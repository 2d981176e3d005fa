using System.Text.Json.Serialization;

namespace Delivery.Notifications;

/// <summary>
/// What the webhook receives, on a failure and on the recovery. <c>text</c> is a ready-made one-line message, so
/// incoming webhooks that post a <c>text</c> field (Slack, Mattermost, Rocket.Chat) need no template.
/// </summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("workflow")] string Workflow,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("run_url")] string RunUrl,
    [property: JsonPropertyName("job")] string Job,
    [property: JsonPropertyName("failed_jobs")] IReadOnlyList<string> FailedJobs,
    [property: JsonPropertyName("failed_targets")] IReadOnlyList<string> FailedTargets,
    [property: JsonPropertyName("issue_url")] string? IssueUrl,
    [property: JsonPropertyName("text")] string Text)
{
    public const string Failed = "failed";
    public const string Recovered = "recovered";

    /// <summary><c>job</c> is the red jobs, comma-separated (the field predates <c>failed_jobs</c>, the same as a list).</summary>
    public static WebhookPayload ForFailure(CiRun run, IReadOnlyList<JobOutcome> redJobs, string? issueUrl)
    {
        var jobs = redJobs.Select(job => job.Job).ToList();
        var targets = redJobs.SelectMany(job => job.FailedTargets).Select(target => target.Name).Distinct().ToList();
        var what = targets.Count > 0 ? string.Join(", ", targets) : $"job {string.Join(", ", jobs)}";
        return new WebhookPayload(Failed, run.Workflow, run.Repository, run.RefName, run.Sha, run.RunUrl, string.Join(", ", jobs), jobs, targets, issueUrl,
            $"{run.Workflow} failed on {run.RefName} ({what}) at {run.ShortSha}: {run.RunUrl}");
    }

    public static WebhookPayload ForRecovery(CiRun run, string? issueUrl) =>
        new(Recovered, run.Workflow, run.Repository, run.RefName, run.Sha, run.RunUrl, "", [], [], issueUrl,
            $"{run.Workflow} is green again on {run.RefName} at {run.ShortSha}: {run.RunUrl}");
}

namespace GitHubStandIn;

/// <summary>A workflow run as the stub serves it (the fields the build reads; the rest of GitHub's shape is rendered around them).</summary>
public sealed record StubWorkflowRun(
    long Id,
    string WorkflowFile,
    int RunNumber,
    string Event,
    string HeadBranch,
    string HeadSha,
    string Status,
    string? Conclusion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A job of a run; its id is also its check run's id, as on GitHub.</summary>
public sealed record StubJob(
    long Id,
    long RunId,
    string Name,
    string Status,
    string? Conclusion,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>A check-run annotation (what <c>::error title=…::message</c> becomes).</summary>
public sealed record StubAnnotation(long CheckRunId, string Level, string? Title, string Message);

/// <summary>Workflow runs, their jobs and the jobs' annotations.</summary>
public sealed class ActionsStore
{
    private readonly Lock gate = new();
    private readonly List<StubWorkflowRun> runs = [];
    private readonly List<StubJob> jobs = [];
    private readonly List<StubAnnotation> annotations = [];

    public void Add(StubWorkflowRun run)
    {
        lock (gate)
        {
            runs.Add(run);
        }
    }

    public void Add(StubJob job)
    {
        lock (gate)
        {
            jobs.Add(job);
        }
    }

    /// <summary>Replaces the job with the same id: a job moves from in_progress to completed.</summary>
    public void Replace(StubJob job)
    {
        lock (gate)
        {
            jobs.RemoveAll(existing => existing.Id == job.Id);
            jobs.Add(job);
        }
    }

    public void Add(StubAnnotation annotation)
    {
        lock (gate)
        {
            annotations.Add(annotation);
        }
    }

    /// <summary>A workflow's runs, newest first, as GitHub lists them.</summary>
    public IReadOnlyList<StubWorkflowRun> RunsOf(string workflowFile)
    {
        lock (gate)
        {
            return [.. runs.Where(run => run.WorkflowFile == workflowFile).OrderByDescending(run => run.CreatedAt)];
        }
    }

    public IReadOnlyList<StubJob> JobsOf(long runId)
    {
        lock (gate)
        {
            return [.. jobs.Where(job => job.RunId == runId).OrderBy(job => job.Id)];
        }
    }

    public IReadOnlyList<StubAnnotation> AnnotationsOf(long checkRunId)
    {
        lock (gate)
        {
            return [.. annotations.Where(annotation => annotation.CheckRunId == checkRunId)];
        }
    }
}

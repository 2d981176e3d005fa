namespace BuildEngine;

public enum TargetStatus
{
    /// <summary>Planned, not yet reached.</summary>
    Pending,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Planned, but the build stopped before it (an earlier failure, or a failed dependency).</summary>
    NotRun,

    /// <summary>Running when the build was cancelled.</summary>
    Aborted,

    /// <summary>Has no actions of its own; it only groups dependencies.</summary>
    Collective,
}

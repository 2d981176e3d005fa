namespace Delivery.Notifications;

/// <summary>How one job of the run ended (GitHub's <c>needs.&lt;job&gt;.result</c>), and the targets that failed in its build on any of its legs.</summary>
public sealed record JobOutcome(string Job, string Result, IReadOnlyList<FailedTarget> FailedTargets)
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Cancelled = "cancelled";
    public const string Skipped = "skipped";

    /// <summary>Failed or cancelled: the run did not prove the commit. Skipped (an if: that was false) is not red.</summary>
    public bool IsRed => Result is Failure or Cancelled;
}

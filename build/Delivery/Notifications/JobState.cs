namespace Delivery.Notifications;

/// <summary>A job of the current run as the jobs API reports it: status queued, in_progress, completed…; conclusion once completed.</summary>
public sealed record JobState(string Name, string Status, string? Conclusion, string? RunnerName)
{
    public bool IsCompleted => Status == "completed";

    /// <summary>Success, or skipped (a job whose <c>if:</c> was false, such as publishing on a manual run).</summary>
    public bool IsGreen => IsCompleted && Conclusion is "success" or "skipped";
}

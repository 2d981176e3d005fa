namespace Gateway.Configuration;

/// <summary>
/// Outcome of the latest configuration reload. Created before the host exists because the
/// mounted-file provider reports to it; readiness and the rejection logger read it.
/// </summary>
public sealed class ConfigurationReloadStatus
{
    private ConfigurationRejection? _lastRejection;
    private long _rejectionCount;

    public event Action<ConfigurationRejection>? Rejected;

    /// <summary>Set while the most recent reload attempt was refused; cleared by the next applied configuration.</summary>
    public ConfigurationRejection? LastRejection => Volatile.Read(ref _lastRejection);

    public long RejectionCount => Interlocked.Read(ref _rejectionCount);

    public void Reject(string source, string reason)
    {
        var rejection = new ConfigurationRejection(source, reason, DateTimeOffset.UtcNow);
        Volatile.Write(ref _lastRejection, rejection);
        Interlocked.Increment(ref _rejectionCount);
        Rejected?.Invoke(rejection);
    }

    public void Applied() => Volatile.Write(ref _lastRejection, null);
}

public sealed record ConfigurationRejection(string Source, string Reason, DateTimeOffset At);

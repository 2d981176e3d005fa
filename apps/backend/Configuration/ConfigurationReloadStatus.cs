namespace Gateway.Configuration;

/// <summary>
/// Outcome of the latest configuration reload. Created before the host exists because the
/// mounted-file provider reports to it; readiness, metrics and the rejection logger read it.
/// </summary>
public sealed class ConfigurationReloadStatus
{
    private ConfigurationRejection? _lastRejection;
    private long _rejectionCount;
    private long _appliedCount;
    private IConfigurationReloadValidator? _validator;

    public event Action<ConfigurationRejection>? Rejected;

    /// <summary>Set while the most recent reload attempt was refused; cleared by the next applied configuration.</summary>
    public ConfigurationRejection? LastRejection => Volatile.Read(ref _lastRejection);

    public long RejectionCount => Interlocked.Read(ref _rejectionCount);

    /// <summary>Reloads of the mounted file that passed validation and took effect.</summary>
    public long AppliedCount => Interlocked.Read(ref _appliedCount);

    /// <summary>
    /// Checks mounted-file reloads before they take effect. The provider exists before the services the
    /// checks need, so the host sets this once it has started; until then start-up validation covers the file.
    /// </summary>
    public IConfigurationReloadValidator? Validator
    {
        get => Volatile.Read(ref _validator);
        set => Volatile.Write(ref _validator, value);
    }

    public void Reject(string source, string reason)
    {
        var rejection = new ConfigurationRejection(source, reason, DateTimeOffset.UtcNow);
        Volatile.Write(ref _lastRejection, rejection);
        Interlocked.Increment(ref _rejectionCount);
        Rejected?.Invoke(rejection);
    }

    public void Applied() => Volatile.Write(ref _lastRejection, null);

    /// <summary>A validated reload is about to take effect: counted, and any earlier rejection is cleared.</summary>
    public void ReloadApplied()
    {
        Interlocked.Increment(ref _appliedCount);
        Applied();
    }
}

public sealed record ConfigurationRejection(string Source, string Reason, DateTimeOffset At);

namespace Gateway.Configuration;

/// <summary>Logs refused reloads; the mounted-file provider cannot log itself because it exists before the logger.</summary>
public sealed partial class ConfigurationRejectionLogger(ConfigurationReloadStatus status, ILogger<ConfigurationRejectionLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        status.Rejected += LogRejection;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        status.Rejected -= LogRejection;
        return Task.CompletedTask;
    }

    private void LogRejection(ConfigurationRejection rejection) => LogRejected(logger, rejection.Source, rejection.Reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Rejected configuration reload from {ConfigurationSource}: {Reason}. The last good configuration stays in force.")]
    private static partial void LogRejected(ILogger logger, string configurationSource, string reason);
}

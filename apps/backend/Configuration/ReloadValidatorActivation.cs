namespace Gateway.Configuration;

/// <summary>Hands the reload validator to the mounted-file provider once the services it needs exist.</summary>
public sealed class ReloadValidatorActivation(ConfigurationReloadStatus status, ReloadValidator validator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        status.Validator = validator;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        status.Validator = null;
        return Task.CompletedTask;
    }
}

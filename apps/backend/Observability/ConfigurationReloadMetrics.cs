using System.Diagnostics.Metrics;
using Gateway.Configuration;

namespace Gateway.Observability;

/// <summary>
/// Reload outcomes as metrics, so a configuration change that did not land can be alerted on:
/// <c>gateway.config.reloads</c> by <c>result</c> (<c>applied</c>, <c>rejected</c>) and
/// <c>gateway.config.last_reload_success</c> (1, or 0 while the last reload stands rejected).
/// </summary>
public sealed class ConfigurationReloadMetrics : IHostedService
{
    public const string MeterName = "Gateway";
    public const string ReloadsInstrument = "gateway.config.reloads";
    public const string LastReloadSuccessInstrument = "gateway.config.last_reload_success";

    // Created with the hosted service (at start-up) so the instruments exist before the first scrape.
    public ConfigurationReloadMetrics(IMeterFactory meterFactory, ConfigurationReloadStatus status)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter(
            ReloadsInstrument,
            () => new[]
            {
                new Measurement<long>(status.AppliedCount, new KeyValuePair<string, object?>("result", "applied")),
                new Measurement<long>(status.RejectionCount, new KeyValuePair<string, object?>("result", "rejected")),
            },
            unit: "{reload}",
            description: "Configuration reloads applied or rejected since start-up.");
        meter.CreateObservableGauge(
            LastReloadSuccessInstrument,
            () => status.LastRejection is null ? 1 : 0,
            description: "1 while the configuration in force is the latest one offered, 0 after a rejected reload.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

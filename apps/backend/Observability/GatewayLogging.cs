using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Gateway.Observability;

/// <summary>
/// Serilog to stdout only: compact JSON in containers, readable text elsewhere. Never files. The access log writes to
/// the same output through the same writer (<see cref="ProxiedRequestLoggingMiddleware"/>).
/// </summary>
public static class GatewayLogging
{
    internal const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.TryAddSingleton(_ => GatewayLogOutput.StandardOutput());
        builder.Services.AddSingleton(services =>
        {
            var json = IsJson(builder.Configuration);
            // One line per proxied request: a synchronous console write (a lock and a flush to a pipe) on the request
            // path was the gateway's largest per-request cost (docs/gateway.md#performance). A background thread
            // writes instead, many lines per write; when its queue is full, requests wait rather than lose log lines.
            // The host disposes the logger on shutdown, which writes what is queued.
            return new BatchingConsoleSink(
                EventFormatter(json),
                json ? new AccessLineJsonFormatter() : new AccessLineTextFormatter(),
                services.GetRequiredService<GatewayLogOutput>().Stream);
        });

        // preserveStaticLogger: several gateways may share a process (tests); none should own Log.Logger.
        builder.Services.AddSerilog(
            (services, logger) => Configure(logger, builder.Configuration, services.GetRequiredService<BatchingConsoleSink>()).ReadFrom.Services(services),
            preserveStaticLogger: true);
        return builder;
    }

    public static Logger CreateStartupFailureLogger(IConfiguration? configuration, IHostEnvironment? environment)
    {
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return new LoggerConfiguration()
            .WriteTo.Console(EventFormatter(IsJson(configuration)), standardErrorFromLevel: LogEventLevel.Fatal)
            .Enrich.WithProperty("Application", environment?.ApplicationName ?? "Gateway")
            .CreateLogger();
    }

    private static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, BatchingConsoleSink console) =>
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // The health check service logs every probe of a Degraded or Unhealthy check (a warning per scrape while an
            // upstream is down, an error per readiness probe while draining). The endpoints and gauges already report
            // that state, and the gateway logs its changes once (drain start 1101, reload rejection 1001).
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Sink(console);

    private static ITextFormatter EventFormatter(bool json) =>
        json ? new RenderedCompactJsonFormatter() : new MessageTemplateTextFormatter(TextTemplate);

    private static bool IsJson(IConfiguration configuration)
    {
        var format = configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.LogFormat)}", LogFormat.Auto);
        return format == LogFormat.Json
            || (format == LogFormat.Auto && string.Equals(configuration["DOTNET_RUNNING_IN_CONTAINER"], "true", StringComparison.OrdinalIgnoreCase));
    }
}

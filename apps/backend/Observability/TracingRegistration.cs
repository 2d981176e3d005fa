using Gateway.Health;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Observability;

/// <summary>
/// Server spans for incoming requests and client spans for the calls YARP forwards, exported over OTLP, only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Unset, nothing is registered: no activity listener, exporter or
/// background thread, so the request path is exactly the one measured without tracing.
/// </summary>
public static class TracingRegistration
{
    public static IServiceCollection AddGatewayTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TracingSettings.From(configuration);
        if (!settings.Enabled)
        {
            return services;
        }

        // Validated on start like every other option, so a bad value stops start-up naming the variable.
        var validator = new TracingSettingsValidator();
        services.AddOptions<TracingSettings>().Configure(settings.CopyTo).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TracingSettings>>(validator);
        if (validator.Validate(null, settings).Failed)
        {
            return services;
        }

        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .SetSampler(new ParentBasedSampler(new NoRootClientSpansSampler()))
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsManagementPath(context.Request.Path))
            .AddHttpClientInstrumentation()
            // The exporter reads the endpoint (adding /v1/traces for HTTP), headers and timeout from the standard
            // variables itself; only the protocol is set here, since its own default is gRPC.
            .AddOtlpExporter(exporter => exporter.Protocol = settings.Protocol == TracingSettings.Grpc
                ? OtlpExportProtocol.Grpc
                : OtlpExportProtocol.HttpProtobuf));
        return services;
    }

    // Probes and scrapes would otherwise be most of the spans a collector receives.
    private static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments(MetricsRegistration.MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(HealthRegistration.ReportPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Drops client spans that start a trace: calls the gateway makes on its own (YARP's active health checks, a
    /// background refresh of JWT metadata), not on behalf of a request. Everything else is recorded.
    /// </summary>
    private sealed class NoRootClientSpansSampler : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == System.Diagnostics.ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}

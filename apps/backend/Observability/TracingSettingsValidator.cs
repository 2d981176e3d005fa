using Microsoft.Extensions.Options;

namespace Gateway.Observability;

/// <summary>Rejects an OTLP endpoint or protocol the exporter would silently replace with its defaults.</summary>
public sealed class TracingSettingsValidator : IValidateOptions<TracingSettings>
{
    public ValidateOptionsResult Validate(string? name, TracingSettings options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            failures.Add(
                $"{TracingSettings.EndpointVariable} must be an absolute http:// or https:// URI of an OTLP receiver, "
                + $"such as http://otel-collector:4318 (was '{options.Endpoint}'); unset it to turn tracing off.");
        }

        if (options.Protocol is not (TracingSettings.HttpProtobuf or TracingSettings.Grpc))
        {
            failures.Add(
                $"{TracingSettings.ProtocolVariable} must be '{TracingSettings.HttpProtobuf}' (the default, port 4318) "
                + $"or '{TracingSettings.Grpc}' (port 4317) (was '{options.Protocol}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Gateway.Management;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <param name="listenUrls">The URLs the host binds, known in the running gateway; null where only the options are checked.</param>
public sealed class GatewayOptionsValidator(ListenUrls? listenUrls = null) : IValidateOptions<GatewayOptions>
{
    private const string Section = GatewayOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            result.AddError($"{Section}:{nameof(options.DrainTimeout)} must be between 00:00:00 and 00:10:00 (was {options.DrainTimeout}).");
        }

        if (options.MaxRequestBodySize <= 0)
        {
            result.AddError($"{Section}:{nameof(options.MaxRequestBodySize)} must be a positive number of bytes (was {options.MaxRequestBodySize}).");
        }

        if (options.UpstreamConnectTimeout <= TimeSpan.Zero)
        {
            result.AddError($"{Section}:{nameof(options.UpstreamConnectTimeout)} must be positive (was {options.UpstreamConnectTimeout}).");
        }

        if (options.ManagementPort is < 1 or > 65535)
        {
            result.AddError($"{Section}:{nameof(options.ManagementPort)} must be a TCP port between 1 and 65535 (was {options.ManagementPort}).");
        }
        else if (listenUrls?.PublicPorts.Contains(options.ManagementPort) == true)
        {
            result.AddError($"{Section}:{nameof(options.ManagementPort)} must differ from the public port(s) set by ASPNETCORE_HTTP_PORTS, ASPNETCORE_URLS or --urls ({string.Join(", ", listenUrls.PublicPorts)}); was {options.ManagementPort}.");
        }

        ValidateShutdown(options, result);
        return result.Build();
    }

    private static void ValidateShutdown(GatewayOptions options, ValidateOptionsResultBuilder result)
    {
        if (options.ShutdownDelay < TimeSpan.Zero || options.ShutdownDelay > TimeSpan.FromMinutes(10))
        {
            result.AddError($"{Section}:{nameof(options.ShutdownDelay)} must be between 00:00:00 and 00:10:00 (was {options.ShutdownDelay}).");
        }

        if (options.StopGracePeriod is not { } grace)
        {
            return;
        }

        var drain = options.ShutdownDelay + options.DrainTimeout;
        if (grace <= TimeSpan.Zero)
        {
            result.AddError($"{Section}:{nameof(options.StopGracePeriod)} must be positive when set (was {grace}).");
        }
        else if (drain >= grace)
        {
            // Equal is refused too: the process needs a moment after the drain timeout to exit before SIGKILL lands.
            result.AddError(
                $"{Section}:{nameof(options.ShutdownDelay)} ({options.ShutdownDelay}) + {Section}:{nameof(options.DrainTimeout)} ({options.DrainTimeout}) = {drain} " +
                $"must be shorter than {Section}:{nameof(options.StopGracePeriod)} ({grace}), or the orchestrator kills the gateway mid-drain. " +
                $"Lower {Section}:{nameof(options.ShutdownDelay)} or {Section}:{nameof(options.DrainTimeout)}, or raise the stop grace period " +
                $"(docker stop --time, compose stop_grace_period, Kubernetes terminationGracePeriodSeconds) and {Section}:{nameof(options.StopGracePeriod)} with it.");
        }
    }
}

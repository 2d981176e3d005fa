using Gateway.Hosting;
using Gateway.Proxy;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Configuration;

/// <summary>
/// Judges a reloaded mounted file with the checks of start-up: every <c>Gateway</c> options class and its
/// validators (bound from the candidate exactly as <see cref="GatewayOptionsRegistration"/> binds them), YARP's
/// validation of routes and clusters against the policies in force, and a guard against a reload that would leave
/// the gateway without routes. A valid reload that changes restart-only keys is let through with a warning.
/// </summary>
public sealed partial class ReloadValidator(
    IConfiguration configuration,
    IHostEnvironment environment,
    IConfigValidator proxyValidator,
    IEnumerable<IProxyConfigFilter> proxyFilters,
    IProxyStateLookup proxyState,
    ILogger<ReloadValidator> logger) : IConfigurationReloadValidator
{
    private const string AllowEmptyRoutesKey = $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.AllowEmptyRoutes)}";

    public async Task<string?> ValidateAsync(IConfigurationProvider reloading, IDictionary<string, string?> candidate)
    {
        using var candidateConfiguration = CandidateConfiguration.Create((IConfigurationRoot)configuration, reloading, candidate);
        await using var candidateServices = BuildCandidateServices(candidateConfiguration);

        var errors = ValidateOptions(candidateServices);
        var proxyConfig = LoadProxyConfig(candidateServices, errors);
        if (proxyConfig is not null)
        {
            await ValidateProxyConfigAsync(proxyConfig, errors);
        }

        if (errors.Count == 0 && proxyConfig is not null)
        {
            CheckRoutesRemain(proxyConfig, candidateServices.GetRequiredService<IOptions<GatewayOptions>>().Value, errors);
        }

        if (errors.Count > 0)
        {
            return string.Join(" | ", errors.Distinct());
        }

        var restartKeys = RestartRequiredKeys.Changed(configuration, candidateConfiguration);
        if (restartKeys.Count > 0)
        {
            LogRestartRequired(logger, string.Join(", ", restartKeys));
        }

        return null;
    }

    /// <summary>
    /// The options registrations of start-up over the candidate configuration, so validators that read other options
    /// (e.g. authorization policies needing JWT settings) see the candidate's values, not the live ones.
    /// </summary>
    private ServiceProvider BuildCandidateServices(IConfiguration candidate)
    {
        var services = new ServiceCollection();
        services.AddSingleton(candidate);
        services.AddSingleton(environment);
        services.AddLogging();
        services.AddGatewayOptions();
        services.AddReverseProxy().LoadFromConfig(candidate.GetSection(ProxyRegistration.ReverseProxySectionName));
        return services.BuildServiceProvider();
    }

    private static List<string> ValidateOptions(IServiceProvider candidateServices)
    {
        var errors = new List<string>();
        foreach (var section in candidateServices.GetServices<ValidatedOptionsSection>())
        {
            try
            {
                section.Resolve(candidateServices);
            }
            catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
            {
                // Binder errors (unknown key, unconvertible value) and validator failures, worded as at start-up.
                errors.Add(StartupFailure.Describe(exception));
            }
        }

        return errors;
    }

    private static IProxyConfig? LoadProxyConfig(IServiceProvider candidateServices, List<string> errors)
    {
        try
        {
            // YARP's own reading of the ReverseProxy section; it throws on the first load when a value cannot be converted.
            return candidateServices.GetRequiredService<IProxyConfigProvider>().GetConfig();
        }
        catch (Exception exception)
        {
            errors.Add($"{ProxyRegistration.ReverseProxySectionName}: {StartupFailure.Describe(exception)}");
            return null;
        }
    }

    /// <summary>
    /// The live validator, as YARP will use it when the reload is applied: named policies (rate limiting, CORS,
    /// authorization, timeouts) only change with a restart, so routes must name ones that are in force.
    /// </summary>
    private async Task ValidateProxyConfigAsync(IProxyConfig proxyConfig, List<string> errors)
    {
        foreach (var cluster in proxyConfig.Clusters)
        {
            errors.AddRange((await proxyValidator.ValidateClusterAsync(cluster)).Select(StartupFailure.Describe));
        }

        foreach (var route in proxyConfig.Routes)
        {
            await RunFiltersAsync(route, proxyConfig.Clusters.FirstOrDefault(cluster => cluster.ClusterId == route.ClusterId), errors);
            errors.AddRange((await proxyValidator.ValidateRouteAsync(route)).Select(StartupFailure.Describe));
        }
    }

    /// <summary>
    /// The gateway's config filters (route metadata checks) as YARP runs them before applying: without this, a file
    /// with a bad route and a good Gateway change would half-apply (options in, routes refused by YARP).
    /// </summary>
    private async Task RunFiltersAsync(RouteConfig route, ClusterConfig? cluster, List<string> errors)
    {
        foreach (var filter in proxyFilters)
        {
            try
            {
                route = await filter.ConfigureRouteAsync(route, cluster, CancellationToken.None);
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException)
            {
                errors.Add(StartupFailure.Describe(exception));
            }
        }
    }

    /// <summary>An empty or half-written mount is a common fault; serving nothing but 404s is rarely what was meant.</summary>
    private void CheckRoutesRemain(IProxyConfig proxyConfig, GatewayOptions candidateOptions, List<string> errors)
    {
        var routesInForce = proxyState.GetRoutes().Count();
        if (proxyConfig.Routes.Count == 0 && routesInForce > 0 && !candidateOptions.AllowEmptyRoutes)
        {
            errors.Add($"The reload would remove every route ({routesInForce} in force). If a gateway without routes is intended, set {AllowEmptyRoutesKey}=true.");
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Applying a configuration reload that changes keys read only at start-up; they take effect after a restart: {RestartRequiredKeys}")]
    private static partial void LogRestartRequired(ILogger logger, string restartRequiredKeys);
}

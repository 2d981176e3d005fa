using Gateway.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Configuration;

/// <summary>
/// YARP keeps serving the previous routes when a reloaded configuration fails validation;
/// this listener makes that refusal visible in the reload status (and so in logs and readiness).
/// </summary>
public sealed class ProxyConfigChangeListener(ConfigurationReloadStatus status) : IConfigChangeListener
{
    private const string Source = "ReverseProxy";

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) =>
        status.Reject(Source, StartupFailure.Describe(exception));

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) =>
        status.Reject(Source, StartupFailure.Describe(exception));

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => status.Applied();
}

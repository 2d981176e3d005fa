namespace Gateway.Configuration;

public sealed class MountedJsonFileConfigurationSource(string path, ConfigurationReloadStatus status) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new MountedJsonFileConfigurationProvider(path, status);
}

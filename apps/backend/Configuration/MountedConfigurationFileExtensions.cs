using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Gateway.Configuration;

public static class MountedConfigurationFileExtensions
{
    /// <summary>
    /// Adds the file named by <c>Gateway:ConfigFile</c>, if any. It goes in front of the environment
    /// variable and command-line sources, so precedence is: appsettings &lt; mounted file &lt;
    /// environment variables &lt; command line.
    /// </summary>
    public static void AddMountedConfigurationFile(this IConfigurationManager configuration, ConfigurationReloadStatus status)
    {
        var path = configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ConfigFile)}"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ConfigFile)} names '{path}', which does not exist.");
        }

        var source = new MountedJsonFileConfigurationSource(path, status);
        var sources = configuration.Sources;
        var unprefixedEnvironmentSource = FindLastIndex(sources, candidate => candidate is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (unprefixedEnvironmentSource < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(unprefixedEnvironmentSource, source);
        }
    }

    private static int FindLastIndex(IList<IConfigurationSource> sources, Func<IConfigurationSource, bool> predicate)
    {
        for (var index = sources.Count - 1; index >= 0; index--)
        {
            if (predicate(sources[index]))
            {
                return index;
            }
        }

        return -1;
    }
}

using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Configuration;

/// <summary>
/// The live configuration as it would read if one provider held other data: every other source
/// (appsettings, environment variables, command line) stays layered in the same order, so a candidate
/// file is judged with the overrides that will apply to it.
/// </summary>
public static class CandidateConfiguration
{
    public static ConfigurationRoot Create(IConfigurationRoot live, IConfigurationProvider replaced, IDictionary<string, string?> candidate)
    {
        var found = false;
        var providers = new List<IConfigurationProvider>();
        foreach (var provider in live.Providers)
        {
            if (ReferenceEquals(provider, replaced))
            {
                found = true;
                providers.Add(new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = candidate }));
            }
            else
            {
                providers.Add(new ReadOnlyProvider(provider));
            }
        }

        if (!found)
        {
            throw new InvalidOperationException("The reloading configuration provider is not part of the live configuration.");
        }

        return new ConfigurationRoot(providers);
    }

    /// <summary>
    /// Reads through to a live provider. ConfigurationRoot loads every provider it is given and disposes them with
    /// itself; the live ones must neither re-read their sources nor be disposed for a throw-away view.
    /// </summary>
    private sealed class ReadOnlyProvider(IConfigurationProvider inner) : IConfigurationProvider
    {
        public bool TryGet(string key, out string? value) => inner.TryGet(key, out value);

        public void Set(string key, string? value) => throw new NotSupportedException("A candidate configuration view is read-only.");

        public IChangeToken GetReloadToken() => NullChangeToken.Singleton;

        public void Load()
        {
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);
    }
}

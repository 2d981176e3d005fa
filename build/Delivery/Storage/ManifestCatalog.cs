using Delivery.Registry;
using Serilog;

namespace Delivery.Storage;

/// <summary>Reads the manifest of every version from the registry (a few at a time), the input of the reference graph and the sizes.</summary>
public static class ManifestCatalog
{
    private const int Parallelism = 8;

    public static async Task<IReadOnlyDictionary<string, Manifest>> ReadAsync(RegistryClient registry, string repository,
        IEnumerable<StoredVersion> versions, ILogger log, CancellationToken cancellationToken = default)
    {
        var manifests = new System.Collections.Concurrent.ConcurrentDictionary<string, Manifest>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(versions.Select(version => version.Digest).Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (digest, token) =>
            {
                if (await registry.GetManifestAsync(repository, digest, token) is { } manifest)
                {
                    manifests[digest] = manifest;
                }
                else
                {
                    // Left out of the map, so the graph reports it missing (ReferenceGraph.MissingManifests) and Cleanup
                    // refuses to plan. Debug only: a wrong --package-name makes every read miss, and the summary says so once.
                    log.Debug("{Repository}@{Digest} is listed by GitHub but the registry has no such manifest", repository, digest);
                }
            });
        return manifests;
    }
}

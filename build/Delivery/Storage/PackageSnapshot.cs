using Delivery.Registry;
using Serilog;

namespace Delivery.Storage;

/// <summary>A package as GitHub lists it and the registry serves it, read once per build run: the input of the report and the plan.</summary>
public sealed record PackageSnapshot(PackageCoordinates Package, IReadOnlyList<StoredVersion> Versions, ReferenceGraph Graph)
{
    /// <param name="repository">The image's repository in the registry (acme/gateway), where the manifests are read by digest.</param>
    public static async Task<PackageSnapshot> ReadAsync(PackageCoordinates package, IPackageVersionSource source, RegistryClient registry, string repository,
        ILogger log, CancellationToken cancellationToken = default)
    {
        var versions = await source.ListAsync(cancellationToken);
        log.Information("{Package}: {Count} versions listed by GitHub; reading their manifests from {Repository}", package.ToString(), versions.Count, repository);
        var manifests = await ManifestCatalog.ReadAsync(registry, repository, versions, log, cancellationToken);
        var graph = new ReferenceGraph(versions, manifests) { ReadFrom = $"{registry.Registry}/{repository}" };
        if (MissingManifests.Describe(graph) is { } missing)
        {
            log.Warning("{Missing}", missing);
        }

        return new PackageSnapshot(package, versions, graph);
    }
}

using Delivery.MultiArch;
using Tooling;

namespace Delivery.Registry;

/// <summary>What a registry holds under a tag or digest, for one platform: the digest it resolved to and the layers' compressed size.</summary>
/// <param name="Digest">The digest of what the reference points at (an index for a multi-arch image).</param>
/// <param name="CompressedBytes">The platform manifest's layer sizes added up: what a pull downloads, the config aside.</param>
/// <param name="Layers">The platform manifest's layer count.</param>
public sealed record ManifestSummary(string Digest, long CompressedBytes, int Layers)
{
    /// <summary>
    /// <paramref name="reference"/> (a tag or digest) in <paramref name="repository"/>; for an index, the manifest of
    /// <paramref name="platform"/>. Null when the registry has no such reference (404); a
    /// <see cref="BuildFailedException"/> when the index has no such platform or lists a manifest the registry lacks.
    /// </summary>
    public static async Task<ManifestSummary?> ReadAsync(RegistryClient registry, string repository, string reference, TargetPlatform platform,
        CancellationToken cancellationToken = default)
    {
        if (await registry.GetManifestAsync(repository, reference, cancellationToken) is not { } manifest)
        {
            return null;
        }

        var image = manifest;
        if (manifest.IsIndex)
        {
            if (!manifest.Platforms.TryGetValue(platform, out var platformDigest))
            {
                throw new BuildFailedException(
                    $"{registry.Registry}/{repository}:{reference} has no {platform} image (it has {string.Join(", ", manifest.Platforms.Keys)}).");
            }

            image = await registry.GetManifestAsync(repository, platformDigest, cancellationToken)
                    ?? throw new BuildFailedException($"{registry.Registry}/{repository}@{platformDigest}, listed by {reference}, does not exist.");
        }

        return new ManifestSummary(manifest.Digest, image.Layers.Sum(layer => layer.Size), image.Layers.Count);
    }
}

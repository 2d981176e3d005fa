using Delivery.Reproducibility;
using Serilog;

namespace Delivery.Registry;

/// <summary>
/// Pushes the one image of an OCI archive by digest through the registry API: every blob the registry lacks, then the
/// manifest under its own digest, byte for byte. No tag is created and nothing is rebuilt or recompressed, so the
/// registry holds exactly the image DockerBuild built and ImageTest and Scan saw, whichever driver built it. A
/// failure names the registry's answer or the connection error (<see cref="RegistryClient"/>).
/// </summary>
public sealed class OciArchivePusher(RegistryClient registry, ILogger log)
{
    /// <returns>The pushed manifest's digest (the archive's own).</returns>
    public async Task<string> PushAsync(OciArchive archive, string repository, CancellationToken cancellation = default)
    {
        var image = archive.SingleImage();
        foreach (var blob in (OciDescriptor[])[image.ConfigDescriptor, .. image.Layers])
        {
            if (await registry.HasBlobAsync(repository, blob.Digest, cancellation))
            {
                log.Information("{Repository} has {Digest} already", repository, blob.Digest);
                continue;
            }

            await registry.UploadBlobAsync(repository, new BlobReference(blob.Digest, blob.Size), () => archive.OpenBlob(blob.Digest), cancellation);
            log.Information("Uploaded {Digest} ({Size}) to {Repository}", blob.Digest, ByteSizeText.Format(blob.Size), repository);
        }

        return await registry.PutManifestAsync(repository, image.ManifestDigest, image.Manifest.MediaType is { Length: > 0 } mediaType ? mediaType : ManifestMediaTypes.OciManifest,
            archive.ReadSmallBlob(image.ManifestDigest), cancellation);
    }
}

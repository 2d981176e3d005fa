using System.Text.Json;
using Delivery.MultiArch;

namespace Delivery.Reproducibility;

/// <summary>
/// One platform's image in an OCI archive: its manifest (digest, media type, annotations, layers) and its config
/// document. <see cref="DiffIds"/> are the config's digests of the uncompressed layers: equal diff IDs under different
/// layer digests mean only the compression differs.
/// </summary>
public sealed record OciImage(
    TargetPlatform? Platform,
    OciDescriptor Manifest,
    IReadOnlyDictionary<string, string> Annotations,
    OciDescriptor ConfigDescriptor,
    JsonElement Config,
    IReadOnlyList<OciDescriptor> Layers)
{
    public string ManifestDigest => Manifest.Digest;

    /// <summary>
    /// The engine's ID of this image once <c>docker load</c>ed: the manifest digest on the containerd image store, the
    /// config digest on the classic one (docs/docker.md#ship-what-was-tested).
    /// </summary>
    public string LocalImageId(bool containerdImageStore) => containerdImageStore ? ManifestDigest : ConfigDescriptor.Digest;

    /// <summary><c>rootfs.diff_ids</c>, one a layer in order; empty for a config without them.</summary>
    public IReadOnlyList<string> DiffIds =>
        Config.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var diffIds)
            ? [.. diffIds.EnumerateArray().Select(diffId => diffId.GetString() ?? "")]
            : [];
}

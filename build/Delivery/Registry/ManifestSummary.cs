namespace Delivery.Registry;

/// <summary>What a registry holds under a tag or digest, for one platform: the digest it resolved to and the layers' compressed size.</summary>
/// <param name="Digest">The digest of what the reference points at (an index for a multi-arch image).</param>
/// <param name="CompressedBytes">The platform manifest's layer sizes added up: what a pull downloads, the config aside.</param>
/// <param name="Layers">The platform manifest's layer count.</param>
public sealed record ManifestSummary(string Digest, long CompressedBytes, int Layers);

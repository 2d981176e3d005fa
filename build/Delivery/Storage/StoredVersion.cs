namespace Delivery.Storage;

/// <summary>
/// One version of the image's container package as GitHub lists it: on GHCR every manifest pushed (tagged image,
/// multi-arch index, platform manifest, signature, attestation) is a version, named by its digest.
/// </summary>
/// <param name="Id">GitHub's package-version id, which deletion takes.</param>
/// <param name="Digest">The manifest digest (GitHub's version <c>name</c>), <c>sha256:…</c>.</param>
/// <param name="UpdatedAt">The last push: GHCR moves it when a tag is pushed to the digest again, so ages count from it.</param>
public sealed record StoredVersion(long Id, string Digest, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>sha256:0123456789ab, for tables.</summary>
    public string ShortDigest => Digest.Length > 19 ? Digest[..19] : Digest;

    /// <summary>How the version is named to a reader: its first tag, else its short digest.</summary>
    public string Label => Tags.Count > 0 ? Tags[0] : ShortDigest;

    public TimeSpan AgeAt(DateTimeOffset now) => now - UpdatedAt;
}

namespace Delivery.Registry;

/// <summary>The manifest formats a registry serves: OCI and Docker, each as an index (multi-arch) or one image.</summary>
public static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>
    /// Every format, in the Accept header of a manifest request: a registry answers a request by digest with the
    /// manifest as stored only if the Accept header names its type (else it may convert it, or refuse).
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}

using System.Text.Json.Serialization;

namespace Delivery.Docker;

/// <summary>
/// One platform's image in artifacts/image.json, from build to push (docs/docker.md#ship-what-was-tested). Image IDs
/// are the engine's: on the containerd image store the manifest digest, on the classic store the config digest
/// (<see cref="Reproducibility.OciImage.LocalImageId"/>); <see cref="Config"/> and <see cref="PushedConfig"/> compare across both.
/// </summary>
/// <param name="Reference">The local name ImageTest and Scan use for this platform's image.</param>
/// <param name="Archive">The OCI archive DockerBuild kept (relative to the root): what PushByDigest uploads.</param>
/// <param name="ImageId">The engine's ID of the archive once loaded.</param>
/// <param name="Manifest">The archive's manifest digest: what the registry will call it.</param>
/// <param name="Config">The archive's config digest.</param>
/// <param name="Tested">The engine's ID of the image ImageTest ran, once its tests passed.</param>
/// <param name="Scanned">The engine's ID of the image Scan scanned, once it passed the gate.</param>
/// <param name="Pushed">The manifest digest PushByDigest pushed.</param>
/// <param name="PushedConfig">The config digest of that manifest, as the registry serves it.</param>
public sealed record PlatformBuild(
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("archive")] string Archive,
    [property: JsonPropertyName("imageId")] string ImageId,
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("tested")] string? Tested = null,
    [property: JsonPropertyName("scanned")] string? Scanned = null,
    [property: JsonPropertyName("pushed")] string? Pushed = null,
    [property: JsonPropertyName("pushedConfig")] string? PushedConfig = null);

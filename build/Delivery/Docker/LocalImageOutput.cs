using Delivery.MultiArch;

namespace Delivery.Docker;

/// <summary>
/// How a build reaches the local engine so that its layers carry the commit's time (<c>rewrite-timestamp</c>, with
/// <see cref="DockerBuildRequest.SourceDateEpoch"/>) and the same commit gives the same digest:
/// <list type="bullet">
/// <item>a docker-container (or other BuildKit) builder, and the docker driver on the containerd image store (Docker 26
/// in the lab, whose image exporter refuses rewrite-timestamp: "conflicts with unpack"): the build writes an OCI
/// archive that <c>docker load</c> imports unchanged (same manifest digest on the containerd store, same config digest
/// on the classic one). DockerBuild keeps the gateway's archive: PushByDigest uploads it as it is (no rebuild);</item>
/// <item>the docker driver on the classic store: plain <c>--load</c>, which cannot rewrite file times
/// (<see cref="Reproducible"/> is false).</item>
/// </list>
/// </summary>
/// <param name="Output">buildx --output, or null for --load.</param>
/// <param name="Archive">The OCI archive to <c>docker load</c> after the build, or null.</param>
public sealed record LocalImageOutput(string? Output, string? Archive, bool Reproducible)
{
    public static LocalImageOutput For(BuilderInfo builder, bool containerdImageStore, string archivePath) =>
        builder.IsMultiPlatformDriver || containerdImageStore ? new($"type=oci,dest={archivePath},rewrite-timestamp=true", archivePath, true)
        : new(null, null, false);

    /// <summary>Plain <c>docker build</c> (no buildx): the engine's BuildKit loads it, file times unchanged.</summary>
    public static LocalImageOutput PlainBuild { get; } = new(null, null, false);
}

using Delivery.Labels;

namespace Delivery.Images;

/// <summary>
/// One app that Dockerfile.multistage builds into an image: its folder (APP_DIR), its project and assembly name
/// (APP_NAME), the stable local tag the last build gets (never pushed; docker-compose.yml and the image tests run it)
/// and, for an image the OCI labels do not describe, the TITLE and DESCRIPTION build arguments.
/// </summary>
/// <param name="Description">Null for the gateway: its labels (ImageMetadata) already carry title and description.</param>
public sealed record AppImage(string Directory, string Name, string LocalTag, ImageDescription? Description)
{
    /// <summary>The gateway: the image that is tested, scanned, pushed, signed and attested.</summary>
    public static readonly AppImage Gateway = new("apps/backend", "Gateway", "gateway:dev", null);

    /// <summary>The echo upstream that docker-compose.yml and the image tests put behind the gateway; built, never pushed.</summary>
    public static readonly AppImage Echo = new("apps/echo", "Echo", "gateway-echo:dev",
        new ImageDescription("Gateway echo", "Echo upstream for the gateway's local runs and tests.", ""))
    {
        ExposedPorts = "8080",
    };

    /// <summary>
    /// Dockerfile.multistage's EXPOSE_PORTS, where the app differs from its default ("8080 8081": the gateway's public
    /// and management ports); echo has no management port.
    /// </summary>
    public string? ExposedPorts { get; init; }

    /// <summary>Scope of its layers in GitHub's build cache: the apps never share one.</summary>
    public string CacheScope => Name.ToLowerInvariant();
}

using Delivery.Events;

namespace Delivery.Images;

/// <summary>
/// Where the image goes when nobody says: ghcr.io, under the GitHub repository's name (GITHUB_REPOSITORY on CI,
/// origin's URL locally), else <see cref="FallbackRepository"/>. Parameters override both.
/// </summary>
public static class ImageNaming
{
    public const string DefaultRegistry = "ghcr.io";

    /// <summary>
    /// The registry that GITHUB_TOKEN signs in to: ghcr.io, or GITHUB_CONTAINER_REGISTRY where that names another
    /// (GitHub Enterprise Server's containers.&lt;host&gt;, or the rehearsal's GHCR stand-in, docs/rehearsal.md).
    /// </summary>
    public static bool IsGitHubContainerRegistry(string registry, IReadOnlyDictionary<string, string> environment) =>
        string.Equals(registry, environment.GetValueOrDefault("GITHUB_CONTAINER_REGISTRY") is { Length: > 0 } other ? other : DefaultRegistry,
            StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of a local build in a clone that is not from GitHub.</summary>
    public const string FallbackRepository = "gateway";

    public static ImageName Resolve(string? registry, string? repository, EventContext context) =>
        ImageName.Create(
            string.IsNullOrWhiteSpace(registry) ? DefaultRegistry : registry,
            string.IsNullOrWhiteSpace(repository) ? context.Repository ?? FallbackRepository : repository);
}

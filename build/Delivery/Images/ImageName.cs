using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.Images;

/// <summary>
/// A registry and repository, as Docker requires them: lowercase (GitHub's <c>Acme/Gateway</c> becomes
/// <c>acme/gateway</c>, like metadata-action does), path components of <c>[a-z0-9]</c> separated by <c>.</c>, <c>_</c>, <c>__</c> or dashes.
/// </summary>
public sealed partial record ImageName
{
    private ImageName(string registry, string repository) => (Registry, Repository) = (registry, repository);

    public string Registry { get; }

    public string Repository { get; }

    public static ImageName Create(string registry, string repository)
    {
        var normalisedRegistry = registry.Trim().TrimEnd('/').ToLowerInvariant();
        var normalisedRepository = repository.Trim().Trim('/').ToLowerInvariant();
        if (!RegistryGrammar().IsMatch(normalisedRegistry))
        {
            throw new BuildFailedException(
                $"'{registry}' is not a registry host (like ghcr.io or localhost:5000). Fix --registry.");
        }

        if (!RepositoryGrammar().IsMatch(normalisedRepository))
        {
            throw new BuildFailedException(
                $"'{repository}' is not a valid image name: use lowercase letters, digits and '.', '_', '-' between them, " +
                "in '/'-separated parts (like acme/gateway). Fix --image-name.");
        }

        return new ImageName(normalisedRegistry, normalisedRepository);
    }

    /// <summary>registry/repository:tag, as docker build -t and docker push take it.</summary>
    public string WithTag(string tag) => $"{this}:{tag}";

    public override string ToString() => $"{Registry}/{Repository}";

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d+)?$")]
    private static partial Regex RegistryGrammar();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryGrammar();
}

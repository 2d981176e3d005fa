namespace Delivery.Storage;

/// <summary>
/// What to say when GitHub lists versions whose manifests the registry does not return. Without a manifest the graph
/// cannot know what an index lists or what an artefact is about, so a kept index could no longer protect its untagged
/// platform manifests: Cleanup fails closed, the report only warns.
/// </summary>
public static class MissingManifests
{
    /// <summary>Null when every listed version's manifest was read.</summary>
    public static string? Describe(ReferenceGraph graph)
    {
        var missing = graph.MissingManifests;
        if (missing.Count == 0)
        {
            return null;
        }

        return $"{missing.Count} of the {graph.VersionCount} versions GitHub lists have no manifest in {graph.ReadFrom} (for example {missing[0]}). " +
               "Most likely --package-name or --image-name do not match (GitHub's package and the registry repository are different images), " +
               "or the registry does not serve the package's manifests.";
    }
}

using Delivery.MultiArch;
using Delivery.Registry;

namespace Delivery.Pipeline;

/// <summary>
/// Several platforms: one index over the platform manifests already pushed by digest (<paramref name="sources"/>),
/// created under each reference with the OCI annotations (IndexCreator).
/// </summary>
public sealed class IndexTagPush(IndexCreator creator, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> sources) : ITagPush
{
    public string What => "Creating the multi-arch index";

    public Task<PushResult> PushAsync(IReadOnlyList<string> references, IRegistrySession session) => creator.CreateAsync(references, labels, sources, session);
}

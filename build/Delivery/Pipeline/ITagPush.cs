using Delivery.Registry;

namespace Delivery.Pipeline;

/// <summary>
/// How the image gets its tags, one reference at a time in push order (a failure stops the rest, so <c>latest</c> never
/// moves after an earlier tag failed). <see cref="ImagePipeline.TagPushFor"/> picks it, once per push.
/// </summary>
public interface ITagPush
{
    /// <summary>What the push does, for its failure message: "Push", "Creating the multi-arch index".</summary>
    string What { get; }

    Task<PushResult> PushAsync(IReadOnlyList<string> references, IRegistrySession session);
}

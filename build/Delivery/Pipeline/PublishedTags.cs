using Delivery.Metrics;

namespace Delivery.Pipeline;

/// <summary>What a tag push did: the references now in the registry, the one digest they name, and the image the branch tag named before.</summary>
public sealed record PublishedTags(IReadOnlyList<string> References, string Digest, ImageComparison Previous);

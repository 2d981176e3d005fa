using Delivery.Docker;

namespace Delivery.Pipeline;

/// <summary>What Merge made: the tagged index, and the image record that now names it and its platform manifests.</summary>
public sealed record MergedIndex(PublishedTags Published, ImageRecord Record);

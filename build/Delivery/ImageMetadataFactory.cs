using BuildEngine;
using Delivery.Events;
using Delivery.Images;
using Delivery.Labels;
using Delivery.Tags;
using Delivery.Versioning;

namespace Delivery;

/// <summary>What the build asks for: a registry and name (null = defaults), the description for the labels.</summary>
public sealed record ImageMetadataRequest(string? Registry, string? ImageName, ImageDescription Description);

/// <summary>
/// Puts the pieces together: tags from the default rules (with the version as the extra branch tag), image
/// references and labels. Pure: the event context, the version and the commit time are computed by the caller once.
/// </summary>
public static class ImageMetadataFactory
{
    public static ImageMetadata Create(EventContext context, BuildVersion version, DateTimeOffset commitTime, ImageMetadataRequest request)
    {
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create(version.SemVer), DefaultTagRules.Flavor, context);
        if (tags.Tags.Count == 0)
        {
            throw new BuildFailedException(
                $"No image tag applies to ref '{context.Ref}' (event '{context.EventName}'): build a branch, a tag or a pull request.");
        }

        var name = ImageNaming.Resolve(request.Registry, request.ImageName, context);
        var labels = OciLabels.Create(context, version.SemVer, commitTime, request.Description);
        return new ImageMetadata(version.SemVer, name, tags, labels, context);
    }
}

using Delivery.Events;
using Delivery.Images;
using Delivery.Labels;
using Delivery.Tags;
using Delivery.Versioning;
using Tooling;

namespace Delivery;

/// <summary>
/// What the build asks for: a registry and name (null = defaults), the description for the labels, and the tag rules
/// (as read from <c>--image-tags</c>, before the build's version is filled in) and flavor.
/// </summary>
public sealed record ImageMetadataRequest(string? Registry, string? ImageName, ImageDescription Description)
{
    public IReadOnlyList<TagRule> TagRules { get; init; } = TagRuleParser.Parse(DefaultTagRules.Text);

    public TagFlavor Flavor { get; init; } = DefaultTagRules.Flavor;
}

/// <summary>
/// Puts the pieces together: tags from the requested rules (with the build's version filled in), image
/// references and labels. Pure: the event context, the version and the commit time are computed by the caller once.
/// </summary>
public static class ImageMetadataFactory
{
    public static ImageMetadata Create(EventContext context, BuildVersion version, DateTimeOffset commitTime, ImageMetadataRequest request)
    {
        var rules = request.TagRules.Select(rule => rule.WithBuildVersion(version.SemVer));
        var tags = TagEvaluator.Evaluate(rules, request.Flavor, context);
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

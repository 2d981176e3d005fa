using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Tags;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>
/// The only way the pipeline moves tags. The image report compares with the image the branch's moving tag names, and
/// the push moves that very tag: so <see cref="PublishAsync"/> reads the previous image first, every time, and only
/// then writes the first tag (the read is cached per run by the caller, so a read made at build time is reused).
/// </summary>
/// <param name="readPrevious">Reads the branch tag's image for a platform (PreviousImageLookup); never throws.</param>
public sealed class TagPublisher(Func<TargetPlatform, Task<ImageComparison>> readPrevious)
{
    public async Task<PublishedTags> PublishAsync(ITagPush push, IReadOnlyList<string> references, IRegistrySession session, TargetPlatform platform)
    {
        var previous = await readPrevious(platform);
        var result = await push.PushAsync(references, session);
        if (!result.Succeeded)
        {
            var latestHeld = result.NotPushed.Any(reference => reference.EndsWith(":" + TagEvaluator.Latest, StringComparison.Ordinal))
                ? " latest was not moved."
                : "";
            throw new BuildFailedException($"{push.What} failed: {result.Error} {result.Describe()}{latestHeld}");
        }

        return new PublishedTags(result.Pushed, result.Digest!, previous);
    }
}

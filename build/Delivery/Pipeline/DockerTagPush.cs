using Delivery.Registry;

namespace Delivery.Pipeline;

/// <summary>
/// One platform: <c>docker tag</c> and <c>docker push</c> of the local image under each reference (ImagePusher), which
/// works on both image stores and keeps the tags on the plain manifest the engine holds.
/// </summary>
public sealed class DockerTagPush(ImagePusher pusher, string imageId) : ITagPush
{
    public string What => "Push";

    public Task<PushResult> PushAsync(IReadOnlyList<string> references, IRegistrySession session) => pusher.PushAsync(imageId, references, session);
}

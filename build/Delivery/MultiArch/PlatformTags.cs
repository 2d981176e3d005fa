using Delivery.Tags;
using Tooling;

namespace Delivery.MultiArch;

/// <summary>
/// The per-platform tag of a multi-arch build: <c>&lt;main tag&gt;-linux-arm64</c>. DockerBuild loads each platform's
/// image under it (one engine tag cannot hold two platforms); with the docker driver, which cannot push by digest,
/// PushByDigest pushes it under this tag to learn the platform manifest's digest.
/// </summary>
public static class PlatformTags
{
    public static string For(string mainTag, TargetPlatform platform)
    {
        var tag = $"{mainTag}-{platform.Slug}";
        return DockerTag.IsValid(tag)
            ? tag
            : throw new BuildFailedException($"The per-platform tag '{tag}' is not a valid Docker tag (at most 128 characters of [A-Za-z0-9_.-]).");
    }

    /// <summary>name:tag → name:tag-linux-arm64 (the tag after the last colon that follows the last slash).</summary>
    public static string ForReference(string reference, TargetPlatform platform)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? $"{reference[..colon]}:{For(reference[(colon + 1)..], platform)}"
            : $"{reference}:{For("latest", platform)}";
    }
}

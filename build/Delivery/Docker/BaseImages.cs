using System.Text.Json.Serialization;

namespace Delivery.Docker;

/// <summary>
/// The base images a build used, pinned by digest where the registry gave one (<c>name:tag@sha256:…</c>), so a rebuild
/// of the same commit starts from the same bytes even after the tag moved. Recorded in artifacts/image.json; the runtime
/// base also goes into the image as the OCI <c>base.name</c>/<c>base.digest</c> labels, which --rebuild-of reads back.
/// </summary>
public sealed record BaseImages(
    [property: JsonPropertyName("sdk")] string Sdk,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    /// <summary>The Dockerfile's build arguments for these bases, over <paramref name="arguments"/>.</summary>
    public IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> arguments)
    {
        var applied = new Dictionary<string, string>(arguments)
        {
            ["SDK_IMAGE"] = Sdk,
            ["RUNTIME_IMAGE"] = Runtime,
            ["BASE_NAME"] = NameOf(Runtime),
        };
        if (DigestOf(Runtime) is { } digest)
        {
            applied["BASE_DIGEST"] = digest;
        }

        return applied;
    }

    /// <summary><c>name:tag@sha256:…</c> → <c>name:tag</c>.</summary>
    public static string NameOf(string reference) => reference.Split('@', 2)[0];

    /// <summary><c>name:tag@sha256:…</c> → <c>sha256:…</c>; null for a reference without digest.</summary>
    public static string? DigestOf(string reference) => reference.Split('@', 2) is [_, var digest] ? digest : null;

    /// <summary><paramref name="image"/> pinned to <paramref name="digest"/> (an already pinned reference keeps its own).</summary>
    public static string Pin(string image, string digest) => DigestOf(image) is null ? $"{image}@{digest}" : image;
}

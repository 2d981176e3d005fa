using System.Text.Json;
using Delivery.MultiArch;
using Tooling;

namespace Delivery.Registry;

/// <summary>Reads an OCI or Docker manifest (index or image) into a <see cref="Manifest"/>.</summary>
public static class ManifestParser
{
    /// <param name="contentType">The registry's Content-Type, used when the document itself names no mediaType.</param>
    public static Manifest Parse(string digest, ReadOnlySpan<byte> document, string? contentType)
    {
        try
        {
            using var json = JsonDocument.Parse(document.ToArray());
            var root = json.RootElement;
            var mediaType = root.TryGetProperty("mediaType", out var type) && type.GetString() is { Length: > 0 } declared
                ? declared
                : contentType ?? "";
            var children = root.TryGetProperty("manifests", out var manifests)
                ? manifests.EnumerateArray().Select(DigestOf).ToList()
                : [];
            var subject = root.TryGetProperty("subject", out var subjectDescriptor) ? DigestOf(subjectDescriptor) : null;
            var config = root.TryGetProperty("config", out var configDescriptor) ? BlobOf(configDescriptor) : null;
            var layers = root.TryGetProperty("layers", out var layerDescriptors)
                ? layerDescriptors.EnumerateArray().Select(BlobOf).ToList()
                : [];
            return new Manifest(digest, mediaType, document.Length, children, subject, config, layers)
            {
                Platforms = ImageIndexDocument.Platforms(root),
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BuildFailedException($"The registry's manifest {digest} is not a manifest this build can read: {exception.Message}", exception);
        }
    }

    private static string DigestOf(JsonElement descriptor) => descriptor.GetProperty("digest").GetString()!;

    private static BlobReference BlobOf(JsonElement descriptor) =>
        new(DigestOf(descriptor), descriptor.TryGetProperty("size", out var size) ? size.GetInt64() : 0);
}

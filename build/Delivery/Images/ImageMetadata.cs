using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Delivery.Events;
using Delivery.Tags;

namespace Delivery.Images;

/// <summary>
/// Everything the image build and push need to know, computed once: the version, the tags (with their
/// retention classes), the full image references and the OCI labels. DockerBuild and Push use exactly
/// <see cref="Images"/>; artifacts/image-metadata.json is this record, for CI steps and people.
/// </summary>
public sealed record ImageMetadata(
    string Version, ImageName Name, TagSet TagSet, IReadOnlyDictionary<string, string> Labels, EventContext Context)
{
    public IReadOnlyList<string> Tags => [.. TagSet.Values];

    /// <summary>registry/name:tag for every tag, main tag first and <c>latest</c> last.</summary>
    public IReadOnlyList<string> Images => [.. TagSet.Values.Select(Name.WithTag)];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Image references and URLs stay readable ("+" and "/" unescaped); the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The image-metadata.json document: <c>{"version", "tags", "images", "labels"}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Document(Version, Tags, Images, Labels), JsonOptions) + "\n";

    private sealed record Document(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
        [property: JsonPropertyName("images")] IReadOnlyList<string> Images,
        [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);
}

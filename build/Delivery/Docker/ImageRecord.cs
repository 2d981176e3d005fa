using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Docker;

/// <summary>
/// artifacts/image.json: what DockerBuild produced (full references, image id, size, platform) and, once
/// pushed, the digest. Later targets and CI steps read it instead of recomputing. A multi-arch build also records
/// <c>platformImages</c> (platform → the local per-platform tag DockerBuild loaded) and, once pushed, <c>platforms</c>
/// (platform → that platform manifest's digest); <c>digest</c> is then the index's. <c>baseImages</c>: the SDK and runtime
/// images the build used, pinned by digest (<see cref="Docker.BaseImages"/>). <c>builds</c>: per platform, the image DockerBuild
/// kept as an OCI archive and what ImageTest, Scan and PushByDigest did with it (<see cref="PlatformBuild"/>).
/// </summary>
public sealed record ImageRecord(
    [property: JsonPropertyName("images")] IReadOnlyList<string> Images,
    [property: JsonPropertyName("imageId")] string ImageId,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("echoImage")] string? EchoImage = null,
    [property: JsonPropertyName("digest")] string? Digest = null,
    [property: JsonPropertyName("platforms")] IReadOnlyDictionary<string, string>? Platforms = null,
    [property: JsonPropertyName("platformImages")] IReadOnlyDictionary<string, string>? PlatformImages = null,
    [property: JsonPropertyName("baseImages")] BaseImages? BaseImages = null,
    [property: JsonPropertyName("builds")] IReadOnlyDictionary<string, PlatformBuild>? Builds = null)
{
    /// <summary>This record with <paramref name="platform"/>'s build changed by <paramref name="change"/>.</summary>
    public ImageRecord WithBuild(string platform, Func<PlatformBuild, PlatformBuild> change)
    {
        var builds = new SortedDictionary<string, PlatformBuild>(
            (IDictionary<string, PlatformBuild>?)Builds?.ToDictionary(pair => pair.Key, pair => pair.Value) ?? new Dictionary<string, PlatformBuild>(),
            StringComparer.Ordinal);
        builds[platform] = change(builds[platform]);
        return this with { Builds = builds };
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    public static ImageRecord Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<ImageRecord>(File.ReadAllText(path), Options)
              ?? throw new Tooling.BuildFailedException($"{path} is empty. Run ./build.sh DockerBuild.")
            : throw new Tooling.BuildFailedException($"{path} does not exist. Run ./build.sh DockerBuild first.");

    /// <summary>Writes through a temporary file, so a failed write never leaves half a record behind.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }
}

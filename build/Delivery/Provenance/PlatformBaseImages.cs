using System.Text.Json;
using Delivery.Docker;
using Delivery.MultiArch;
using Tooling;

namespace Delivery.Provenance;

/// <summary>
/// artifacts/base-images/&lt;os&gt;-&lt;arch&gt;.json: the pinned base images a platform leg built on, written by PushByDigest
/// beside its digest file. On CI the publish job merges the legs' digests without their artifacts/image.json, so these
/// files carry what each leg's DockerBuild recorded to the Provenance target.
/// </summary>
public static class PlatformBaseImages
{
    public static string Write(string directory, TargetPlatform platform, BaseImages bases)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{platform.Slug}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(bases) + "\n");
        return path;
    }

    /// <summary>The base images of each of <paramref name="platforms"/>; fails naming the file a platform lacks.</summary>
    public static IReadOnlyDictionary<string, BaseImages> Read(string directory, IEnumerable<string> platforms)
    {
        var read = new SortedDictionary<string, BaseImages>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            var path = Path.Combine(directory, $"{TargetPlatform.Parse(platform).Slug}.json");
            if (!File.Exists(path))
            {
                throw new BuildFailedException(
                    $"{path} does not exist, and artifacts/image.json records no base images: the provenance cannot name what {platform} was built on. " +
                    "Run PushByDigest for that platform first (on CI: download every image leg's PushByDigest artifact), or DockerBuild and Push on this machine.");
            }

            read[platform] = JsonSerializer.Deserialize<BaseImages>(File.ReadAllText(path))
                ?? throw new BuildFailedException($"{path} is empty. Run PushByDigest --platforms {platform} again.");
        }

        return read;
    }
}

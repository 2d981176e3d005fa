using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.MultiArch;

/// <summary>
/// artifacts/digests/: one file per platform, named by its slug (<c>linux-amd64</c>, <c>linux-arm64</c>) and holding
/// the manifest digest PushByDigest pushed. The names differ per platform because CI downloads every matrix leg's
/// artifact into one folder; Merge reads them all.
/// </summary>
public static partial class DigestFiles
{
    public static string Write(string directory, TargetPlatform platform, string digest)
    {
        RequireDigest(digest, platform.Slug);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, platform.Slug);
        File.WriteAllText(path, digest + "\n");
        return path;
    }

    /// <summary>Every platform's digest, sorted by platform; fails on a stray file, a bad digest or an empty folder.</summary>
    public static IReadOnlyDictionary<TargetPlatform, string> Read(string directory)
    {
        var digests = new SortedDictionary<TargetPlatform, string>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                var platform = TargetPlatform.TryParseSlug(name)
                    ?? throw new BuildFailedException($"{path}: not a digest file (expected names like linux-amd64, linux-arm64).");
                var digest = File.ReadAllText(path).Trim();
                RequireDigest(digest, path);
                digests[platform] = digest;
            }
        }

        if (digests.Count == 0)
        {
            throw new BuildFailedException(
                $"No digest files in {directory}. Run ./build.sh PushByDigest --platforms <one platform> per platform first " +
                "(on CI: download every matrix leg's digests artifact into that folder).");
        }

        return digests;
    }

    public static bool IsDigest(string value) => DigestGrammar().IsMatch(value);

    private static void RequireDigest(string digest, string where)
    {
        if (!IsDigest(digest))
        {
            throw new BuildFailedException($"{where}: '{digest}' is not a manifest digest (sha256:<64 hex>).");
        }
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestGrammar();
}

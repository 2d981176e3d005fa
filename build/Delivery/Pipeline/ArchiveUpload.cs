using Delivery.Docker;
using Delivery.Images;
using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Reproducibility;
using Serilog;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>
/// Each platform's kept OCI archive uploaded by digest (OciArchivePusher): the image the build made, byte for byte,
/// whatever the builder driver; no tag is created. Records the pushed and the registry's config digest in the image record.
/// </summary>
public sealed class ArchiveUpload(AbsolutePath root, AbsolutePath recordFile, ILogger log)
{
    public async Task<IReadOnlyDictionary<TargetPlatform, string>> UploadAsync(
        IReadOnlyDictionary<string, PlatformBuild> builds, RegistryClient client, ImageName name)
    {
        var digests = new SortedDictionary<TargetPlatform, string>();
        foreach (var (platform, build) in builds.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var archive = root / build.Archive;
            log.Information("Pushing {Platform} ({Manifest}, config {Config}) from {Archive} to {Repository} by digest", platform, build.Manifest,
                build.Config, build.Archive, name.ToString());
            string digest;
            Manifest? pushed;
            try
            {
                digest = await new OciArchivePusher(client, log).PushAsync(OciArchive.Open(archive), name.Repository);
                pushed = await client.GetManifestAsync(name.Repository, digest);
            }
            catch (BuildFailedException exception)
            {
                var done = digests.Count > 0 ? string.Join(", ", digests.Select(pair => $"{pair.Key} {pair.Value}")) : "none";
                throw new BuildFailedException($"Pushing the {platform} image failed: {exception.Message} Pushed platforms: {done}. No index was created; no tag was moved.", exception);
            }

            // Read again: the record is the file's as it is now (ImageTest and Scan marked it), never as it was when the push started.
            ImageRecord.Read(recordFile).WithBuild(platform, kept => kept with { Pushed = digest, PushedConfig = pushed?.Config?.Digest }).Write(recordFile);
            digests[TargetPlatform.Parse(platform)] = digest;
        }

        return digests;
    }
}

using Delivery.Docker;
using Delivery.Images;
using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Resilience;
using Serilog;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>
/// The gateway image from build to tags (docs/architecture.md#image-pipeline): builds an <see cref="AppImage"/> into
/// the local engine and its kept OCI archive (<see cref="Builder"/>), uploads the kept archives by digest
/// (<see cref="Upload"/>), marks what ImageTest and Scan passed (<see cref="MarkChecked"/>), moves the tags (<see cref="PublishAsync"/>, <see cref="MergeAsync"/>, both through
/// <see cref="TagPublisher"/>, which reads the previous image first) and records each step in artifacts/image.json.
/// </summary>
/// <remarks>
/// Two ways to tag, chosen by the caller once per push from the image record: one platform keeps <c>docker push</c> of
/// the loaded image (<see cref="DockerTagPush"/>), because its tags must name the plain manifest the engine holds and a
/// builder on the classic image store keeps no archive to upload; several platforms upload each kept archive and tag one
/// index over them (<see cref="IndexTagPush"/>). Either way the tags go through the same publisher.
/// </remarks>
public sealed class ImagePipeline(DockerCli docker, ImageBuildSettings settings, AbsolutePath recordFile, TagPublisher publisher, ILogger log)
{
    public ImageBuilder Builder { get; } = new(docker, settings, log);

    public ArchiveUpload Upload { get; } = new(settings.Root, recordFile, log);

    /// <summary>artifacts/image.json.</summary>
    public AbsolutePath RecordFile => recordFile;

    /// <summary>
    /// ImageTest's and Scan's mark in the record: the engine's ID of the image they passed, under its platform, for
    /// PushByDigest to compare with what it pushes (docs/docker.md#ship-what-was-tested).
    /// </summary>
    public void MarkChecked(ImageDetails image, string verb, Func<PlatformBuild, PlatformBuild> mark)
    {
        // Read again: the record is the file's as it is now, never as it was when the target started.
        var record = ImageRecord.Read(recordFile);
        if (record.Builds?.ContainsKey(image.Platform) != true)
        {
            log.Warning("{File} has no kept {Platform} build (this builder writes no OCI archive): not recorded as {Verb}.", recordFile.RelativeTo(settings.Root), image.Platform, verb);
            return;
        }

        record.WithBuild(image.Platform, mark).Write(recordFile);
        log.Information("Recorded {Id} ({Platform}) as {Verb} in {File}", image.Id, image.Platform, verb, recordFile.RelativeTo(settings.Root));
    }

    /// <summary>One platform: the loaded image under every reference (push order), then the record names them and the digest.</summary>
    public async Task<PublishedTags> PublishAsync(ImageRecord record, IReadOnlyList<string> references, IRegistrySession session)
    {
        var push = new DockerTagPush(new ImagePusher(docker.RunAsync, Backoff.Default, log), record.ImageId);
        var published = await publisher.PublishAsync(push, references, session, TargetPlatform.Parse(record.Platform));
        (record with { Images = published.References, Digest = published.Digest }).Write(recordFile);
        return published;
    }

    /// <summary>
    /// Several platforms: one index over <paramref name="digests"/> (pushed by digest) under every reference, in push order,
    /// with the OCI annotations; checks that it lists every platform and records index and platform digests.
    /// </summary>
    public async Task<MergedIndex> MergeAsync(ImageName name, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> references,
        IReadOnlyDictionary<TargetPlatform, string> digests, IReadOnlyList<TargetPlatform> platforms, IRegistrySession session, ImageRecord? record)
    {
        var push = new IndexTagPush(new IndexCreator(docker.RunAsync, Backoff.Default, log), labels, [.. digests.Values.Select(digest => $"{name}@{digest}")]);
        var published = await publisher.PublishAsync(push, references, session, platforms[0]);
        var index = $"{name}@{published.Digest}";
        var raw = await docker.RunAsync(ImageIndexArguments.InspectRaw(index), new ToolOptions { Environment = session.Environment, LogOutput = false });
        var listed = ImageIndexDocument.Platforms(raw.StandardOutput);
        var missing = platforms.Where(platform => !listed.ContainsKey(platform)).ToList();
        if (missing.Count > 0)
        {
            throw new BuildFailedException($"The index {index} does not list {string.Join(", ", missing)} (it lists {string.Join(", ", listed.Keys)}).");
        }

        var platformDigests = listed.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value, StringComparer.Ordinal);
        var recorded = record ?? new ImageRecord([], "", 0, string.Join(',', listed.Keys));
        var updated = recorded with { Images = published.References, Digest = published.Digest, Platforms = platformDigests };
        updated.Write(recordFile);
        return new MergedIndex(published, updated);
    }
}

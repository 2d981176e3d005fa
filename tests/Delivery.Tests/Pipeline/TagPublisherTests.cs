using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Pipeline;
using Delivery.Registry;
using Delivery.Resilience;
using Tooling;

namespace Delivery.Tests.Pipeline;

/// <summary>
/// <see cref="TagPublisher"/>: whichever way the tags move (docker push of one platform, an index over several), the
/// previous image of the branch is read, to the end, before the first tag is written; the real pushers run against a
/// stand-in docker CLI that writes every call into the same log as the read.
/// </summary>
public sealed class TagPublisherTests
{
    private const string Digest = "sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9";
    private static readonly string[] References = ["r/g:1.2.3", "r/g:main", "r/g:latest"];
    private static readonly TargetPlatform Amd64 = TargetPlatform.Parse("linux/amd64");
    private static readonly ImageComparison Previous = ImageComparison.Found("r/g:main", "sha256:" + new string('p', 64), 42_000_000);

    private readonly List<string> log = [];

    /// <summary>The reference whose docker push the registry refuses; null for none.</summary>
    private string? failPushOf;

    /// <summary>NUnit runs every test of the fixture on one instance.</summary>
    [SetUp]
    public void Reset()
    {
        log.Clear();
        failPushOf = null;
    }

    [Test]
    public async Task One_platform_reads_the_previous_image_before_the_first_docker_tag()
    {
        var published = await Publisher().PublishAsync(new DockerTagPush(Pusher(), "sha256:id"), References, new TestRegistrySession(), Amd64);

        Assert.Multiple(() =>
        {
            Assert.That(log.Take(2), Is.EqualTo(new[] { "read previous linux/amd64: started", "read previous linux/amd64: done" }));
            Assert.That(log.Skip(2), Is.EqualTo(new[]
            {
                "docker tag sha256:id r/g:1.2.3", "docker push r/g:1.2.3", "docker tag sha256:id r/g:main", "docker push r/g:main",
                "docker tag sha256:id r/g:latest", "docker push r/g:latest",
            }));
            Assert.That(published.References, Is.EqualTo(References));
            Assert.That(published.Digest, Is.EqualTo(Digest));
            Assert.That(published.Previous, Is.EqualTo(Previous));
        });
    }

    [Test]
    public async Task Several_platforms_read_the_previous_image_before_the_first_index_tag()
    {
        var push = new IndexTagPush(new IndexCreator(RunAsync, Backoff.SingleAttempt, Serilog.Core.Logger.None), new Dictionary<string, string>(), ["r/g@sha256:" + new string('a', 64)]);

        var published = await Publisher().PublishAsync(push, References, new TestRegistrySession(), Amd64);

        Assert.Multiple(() =>
        {
            Assert.That(log.Take(2), Is.EqualTo(new[] { "read previous linux/amd64: started", "read previous linux/amd64: done" }), string.Join('\n', log));
            Assert.That(log.Skip(2).Where(line => line.StartsWith("docker buildx imagetools create", StringComparison.Ordinal)).Count(), Is.EqualTo(References.Length));
            Assert.That(published.Previous, Is.EqualTo(Previous));
        });
    }

    [Test]
    public async Task A_failed_push_is_reported_with_its_cause_after_the_previous_image_was_read()
    {
        failPushOf = "r/g:main";

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            Publisher().PublishAsync(new DockerTagPush(Pusher(), "sha256:id"), References, new TestRegistrySession(), Amd64));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Is.EqualTo("Push failed: r/g:main was rejected: denied: permission_denied: write_package "
                                                      + "Pushed: r/g:1.2.3. Not pushed: r/g:main, r/g:latest. latest was not moved."));
            Assert.That(log.Take(2), Is.EqualTo(new[] { "read previous linux/amd64: started", "read previous linux/amd64: done" }), string.Join('\n', log));
            Assert.That(log, Does.Not.Contain("docker push r/g:latest"));
        });
    }

    private TagPublisher Publisher() => new(async platform =>
    {
        log.Add($"read previous {platform}: started");
        // A real lookup answers later: the publisher must wait for it, not only start it.
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        log.Add($"read previous {platform}: done");
        return Previous;
    });

    private ImagePusher Pusher() => new(RunAsync, Backoff.SingleAttempt, Serilog.Core.Logger.None);

    /// <summary>docker tag, push and buildx imagetools as the pushers call them; every call goes into the log.</summary>
    private Task<ToolResult> RunAsync(IEnumerable<string> arguments, ToolOptions? options)
    {
        var list = arguments.ToList();
        log.Add("docker " + string.Join(' ', list));
        return Task.FromResult(list switch
        {
            ["push", var reference] when reference == failPushOf => new ToolResult(1, [], ["denied: permission_denied: write_package"]),
            ["push", var reference] => new ToolResult(0, [$"{reference[(reference.LastIndexOf(':') + 1)..]}: digest: {Digest} size: 1358"], []),
            ["buildx", "imagetools", "inspect", ..] => new ToolResult(0, [$$"""{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{Digest}}","size":855}"""], []),
            _ => new ToolResult(0, [], []),
        });
    }
}

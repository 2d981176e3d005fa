using Delivery.Docker;
using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Retention;
using Delivery.Tags;
using Tooling;

namespace Delivery.Tests.Registry;

/// <summary>What Push decides without a registry: tag order, credentials, retries, the digest docker push prints.</summary>
public sealed class PushTests
{
    [Test]
    public void Immutable_tags_are_pushed_first_moving_ones_next_and_latest_last()
    {
        ImageTag[] tags =
        [
            new("1.2.3", RetentionClass.StableRelease, "semver"),
            new("1.2", RetentionClass.StableRelease, "semver"),
            new("latest", RetentionClass.StableRelease, "flavor"),
            new("1", RetentionClass.StableRelease, "semver"),
            new("main", RetentionClass.DefaultBranch, "ref"),
            new("sha-860c190", RetentionClass.Commit, "sha"),
            new("2.0.0-rc.1", RetentionClass.PreRelease, "semver"),
        ];

        Assert.That(PushOrder.Order(tags).Select(tag => tag.Value),
            Is.EqualTo(new[] { "1.2.3", "sha-860c190", "2.0.0-rc.1", "1.2", "1", "main", "latest" }));
    }

    [Test]
    public void The_order_of_the_real_tag_rules_for_a_release_ends_with_latest()
    {
        var context = new Delivery.Events.EventContext { EventName = "push", Ref = "refs/tags/v1.2.3", Sha = Events.Sha };
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create("1.2.3"), DefaultTagRules.Flavor, context).Tags;

        var ordered = PushOrder.Order(tags).Select(tag => tag.Value).ToList();

        Assert.That(ordered[^1], Is.EqualTo("latest"));
        Assert.That(ordered.IndexOf("1.2.3"), Is.LessThan(ordered.IndexOf("1.2")));
    }

    [Test]
    public void The_digest_is_read_from_docker_pushs_closing_line() =>
        Assert.That(DockerPushOutput.TryReadDigest(
        [
            "The push refers to repository [127.0.0.1:5000/gateway]",
            "b0920d58998e: Pushed",
            "0.0.1-5: digest: sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9 size: 1358",
        ]), Is.EqualTo("sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9"));

    [Test]
    public void Output_without_a_digest_has_none() =>
        Assert.That(DockerPushOutput.TryReadDigest(["denied: requested access to the resource is denied"]), Is.Null);

    [TestCase("received unexpected HTTP status: 503 Service Unavailable", true)]
    [TestCase("net/http: TLS handshake timeout", true)]
    [TestCase("read: connection reset by peer", true)]
    [TestCase("unauthorized: authentication required", false)]
    [TestCase("denied: requested access to the resource is denied", false)]
    [TestCase("no basic auth credentials", false)]
    public void Only_transient_registry_errors_are_retried(string error, bool transient) =>
        Assert.That(RegistryErrors.IsTransient([error]), Is.EqualTo(transient));

    [Test]
    public void Back_off_doubles_up_to_its_maximum()
    {
        var backoff = new Backoff(6, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        Assert.That(Enumerable.Range(2, 5).Select(attempt => backoff.DelayBefore(attempt).TotalSeconds), Is.EqualTo(new[] { 2.0, 4, 8, 10, 10 }));
    }

    [Test]
    public void A_failed_push_says_what_was_pushed_and_what_was_not()
    {
        var result = new PushResult(["r/g:1.2.3"], ["r/g:1.2", "r/g:latest"], null, "r/g:1.2 failed 4 times: 503");

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Describe(), Is.EqualTo("Pushed: r/g:1.2.3. Not pushed: r/g:1.2, r/g:latest."));
        });
    }

    [Test]
    public void The_pushed_image_is_addressed_by_digest()
    {
        var record = new ImageRecord(["127.0.0.1:5000/acme/gateway:1.2.3", "127.0.0.1:5000/acme/gateway:latest"], "sha256:id", 1, "linux/amd64",
            Digest: "sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9");

        var image = PushedImage.From(record, "image.json");

        Assert.Multiple(() =>
        {
            Assert.That(image.ByDigest, Is.EqualTo("127.0.0.1:5000/acme/gateway@sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9"));
            Assert.That(image.Registry, Is.EqualTo("127.0.0.1:5000"));
            Assert.That(image.MainTag, Is.EqualTo("1.2.3"));
        });
    }

    [Test]
    public void Signing_an_image_that_was_not_pushed_fails_clearly() =>
        Assert.That(() => PushedImage.From(new ImageRecord(["r/g:1"], "sha256:id", 1, "linux/amd64"), "artifacts/image.json"),
            Throws.TypeOf<BuildFailedException>().With.Message.Contains("Run ./build.sh Push first").And.Message.StartsWith("artifacts/image.json has no pushed digest."));
}

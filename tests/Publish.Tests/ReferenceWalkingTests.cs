using Delivery.Registry;
using Delivery.Storage;
using Publish.Tests.Infrastructure;
using Tooling;

namespace Publish.Tests;

/// <summary>
/// The cleanup's reference walking against a real registry (docker-registry with htpasswd, so the client's Basic
/// authentication is exercised too): a multi-arch index, its platform manifests, a cosign-style signature under
/// its sha256-&lt;hex&gt;.sig tag and an OCI referrer, read back by digest with the client Cleanup uses.
/// </summary>
[TestFixture]
[Category("OfflineLab")] // docker-registry, htpasswd; no Docker engine, so ./build.sh Test runs it with --offline-lab
[NonParallelizable]
public sealed class ReferenceWalkingTests
{
    private const string Repository = "acme/walked";

    private AuthenticatedRegistry registry = null!;
    private RegistryUploader uploader = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartRegistryAsync()
    {
        registry = await AuthenticatedRegistry.StartAsync();
        uploader = new RegistryUploader(registry.Address, registry.Authorization, Repository);
        http = new HttpClient();
    }

    [OneTimeTearDown]
    public async Task StopRegistryAsync()
    {
        http?.Dispose();
        uploader?.Dispose();
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }

    [Test]
    public async Task From_a_kept_index_the_walk_finds_its_platform_manifests_signature_and_referrer()
    {
        var amd64 = await uploader.PushImageAsync("linux", "amd64");
        var arm64 = await uploader.PushImageAsync("linux", "arm64");
        var index = await uploader.PushIndexAsync([(amd64, "linux", "amd64"), (arm64, "linux", "arm64")], "1.2.3");
        var signature = await uploader.PushCosignSignatureAsync(index);
        var referrer = await uploader.PushReferrerAsync(index, await uploader.ManifestSizeAsync(index));
        var unrelated = await uploader.PushImageAsync("linux", "amd64", "pr-9");
        var now = DateTimeOffset.UtcNow;
        StoredVersion Version(long id, string digest, params string[] tags) => new(id, digest, tags, now, now);
        var versions = new[]
        {
            Version(1, amd64), Version(2, arm64), Version(3, index, "1.2.3"), Version(4, signature, index.Replace(':', '-') + ".sig"),
            Version(5, referrer), Version(6, unrelated, "pr-9"),
        };

        var manifests = await ManifestCatalog.ReadAsync(Client(), Repository, versions, Serilog.Core.Logger.None);
        var graph = new ReferenceGraph(versions, manifests);
        var needed = graph.Walk([index]);

        Assert.Multiple(() =>
        {
            Assert.That(manifests.Keys, Is.EquivalentTo(versions.Select(version => version.Digest)));
            Assert.That(manifests[index].IsIndex, Is.True);
            Assert.That(graph.ChildrenOf(index), Is.EqualTo(new[] { amd64, arm64 }));
            Assert.That(graph.ReferrersOf(index), Is.EquivalentTo(new[] { signature, referrer }));
            Assert.That(needed.Keys, Is.EquivalentTo(new[] { index, amd64, arm64, signature, referrer }));
            Assert.That(needed[amd64], Is.EqualTo("platform manifest of kept 1.2.3"));
            Assert.That(needed[signature], Is.EqualTo("signature of kept 1.2.3"));
            Assert.That(needed[referrer], Is.EqualTo("referrer of kept 1.2.3"));
            Assert.That(graph.SizeOf(index), Is.GreaterThan(graph.SizeOf(amd64) + graph.SizeOf(arm64)));
        });
    }

    [Test]
    public async Task A_cosign_3_referrers_index_under_the_bare_digest_tag_goes_with_its_expired_subject()
    {
        var amd64 = await uploader.PushImageAsync("linux", "amd64");
        var subject = await uploader.PushIndexAsync([(amd64, "linux", "amd64")], "pr-10");
        var signature = await uploader.PushReferrerAsync(subject, await uploader.ManifestSizeAsync(subject));
        // What cosign 3 pushes where the registry has no Referrers API: an index of the referrers, tagged sha256-<hex>.
        var fallbackTag = subject.Replace(':', '-');
        var referrersIndex = await uploader.PushIndexAsync([(signature, "unknown", "unknown")], fallbackTag);
        var pushed = DateTimeOffset.UtcNow.AddDays(-30);
        StoredVersion Version(long id, string digest, params string[] tags) => new(id, digest, tags, pushed, pushed);
        var versions = new[] { Version(1, amd64), Version(2, subject, "pr-10"), Version(3, signature), Version(4, referrersIndex, fallbackTag) };

        var graph = new ReferenceGraph(versions, await ManifestCatalog.ReadAsync(Client(), Repository, versions, Serilog.Core.Logger.None));
        var plan = CleanupPlanner.Plan(versions, graph, new CleanupPolicy(), DateTimeOffset.UtcNow);
        var order = plan.Deletions.Select(decision => decision.Version.Digest).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(graph.MissingManifests, Is.Empty);
            Assert.That(graph.SubjectOf(referrersIndex), Is.EqualTo(subject));
            Assert.That(graph.Walk([subject])[referrersIndex], Is.EqualTo("referrers index of kept pr-10"));
            Assert.That(order, Is.EquivalentTo(versions.Select(version => version.Digest)));
            Assert.That(order.IndexOf(referrersIndex), Is.LessThan(order.IndexOf(subject)));
        });
    }

    [Test]
    public async Task A_digest_the_registry_does_not_have_reads_as_missing()
    {
        var manifest = await Client().GetManifestAsync(Repository, "sha256:" + new string('0', 64));

        Assert.That(manifest, Is.Null);
    }

    [Test]
    public async Task Without_credentials_the_registry_fails_saying_which_parameters_to_pass()
    {
        var digest = await uploader.PushImageAsync("linux", "amd64");

        var failure = await Assert.ThrowsAsync<Tooling.BuildFailedException>(() => new RegistryClient(http, registry.Address, null, Serilog.Core.Logger.None).GetManifestAsync(Repository, digest));

        Assert.That(failure!.Message, Does.Contain("requires credentials").And.Contain("--registry-username"));
    }

    private RegistryClient Client() => new(http, registry.Address, new RegistryCredentials(registry.Address, registry.Username, registry.Password, "test"), Serilog.Core.Logger.None);
}

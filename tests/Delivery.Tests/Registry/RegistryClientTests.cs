using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Tests.Resilience;
using Tooling;

namespace Delivery.Tests.Registry;

/// <summary>
/// The registry client's Bearer login (the distribution token protocol, as GHCR speaks it) against
/// <see cref="TokenRegistry"/>; Basic authentication and reading by digest from a real registry are in
/// Publish.Tests' ReferenceWalkingTests.
/// </summary>
public sealed class RegistryClientTests : TokenRegistryFixture
{
    [Test]
    public async Task A_bearer_challenge_is_answered_with_a_token_bought_with_the_credentials()
    {
        var client = Client(TokenRegistry.Password);

        var byTag = await client.GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag);
        var byDigest = await client.GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Digest);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byTag, Is.Not.Null);
            Assert.That(byTag!.Digest, Is.EqualTo(TokenRegistry.Digest), "read by tag, the digest is the registry's Docker-Content-Digest");
            Assert.That(byTag.Layers.Select(layer => layer.Size), Is.EqualTo(new[] { 3_000_000L, 450_000L }));
            Assert.That(byTag.Config?.Size, Is.EqualTo(1200));
            Assert.That(byDigest, Is.EqualTo(byTag).Using<Manifest>(SameManifest), "read by digest (verified against it), the same manifest");
            Assert.That(Registry.Requests, Is.EqualTo(new[]
            {
                $"/v2/{TokenRegistry.Repository}/manifests/{TokenRegistry.Tag} anonymous",
                "/token Basic",
                $"/v2/{TokenRegistry.Repository}/manifests/{TokenRegistry.Tag} Bearer",
                $"/v2/{TokenRegistry.Repository}/manifests/{TokenRegistry.Digest} Bearer",
            }), "one challenge, one token, then the token on every request");
        }
    }

    [Test]
    public async Task A_manifest_summary_reads_the_layers_of_a_tag_behind_the_login()
    {
        var summary = await ManifestSummary.ReadAsync(Client(TokenRegistry.Password), TokenRegistry.Repository, TokenRegistry.Tag,
            TargetPlatform.Parse("linux/amd64"));

        Assert.That(summary, Is.EqualTo(new ManifestSummary(TokenRegistry.Digest, 3_450_000, 2)));
    }

    [Test]
    public async Task Rejected_credentials_fail_naming_the_token_service_and_the_parameters_to_check()
    {
        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Client("wrong-password").GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));

        Assert.That(failure!.Message, Does.Contain($"token service (http://{Registry.Address}/token) refused a pull token for {TokenRegistry.Repository}")
            .And.Contain("401")
            .And.Contain("--registry-username and REGISTRY_PASSWORD")
            .And.Not.Contain("wrong-password"));
    }

    /// <summary>
    /// Cleanup keeps the default back-off (it needs every manifest); the metrics use one attempt, since every build
    /// waits for them at its end.
    /// </summary>
    [TestCase(4, new[] { 2, 4, 8 })]
    [TestCase(1, new int[0])]
    public async Task A_5xx_is_retried_as_often_as_the_client_s_back_off_says(int attempts, int[] waitSeconds)
    {
        Registry.Failure = 503;
        var clock = new FakeClock();
        var client = Client(TokenRegistry.Password, Backoff.Default with { Attempts = attempts }, clock);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => client.GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("answered 503"));
            Assert.That(clock.Waits, Has.Count.EqualTo(waitSeconds.Length));
            Assert.That(clock.Waits.Zip(waitSeconds, (wait, nominal) => wait.TotalSeconds / nominal), Has.All.InRange(0.5, 1.5),
                "each wait is the nominal one jittered by up to half");
            Assert.That(Registry.Requests.Count(request => request.EndsWith(" Bearer", StringComparison.Ordinal)), Is.EqualTo(attempts));
        }
    }

    private RegistryClient Client(string password) =>
        new(Http, Registry.Address, new RegistryCredentials(Registry.Address, TokenRegistry.Username, password, "test"), Serilog.Core.Logger.None);

    /// <summary>A client whose waits between attempts run on <paramref name="clock"/> instead of the real time.</summary>
    private RegistryClient Client(string password, Backoff backoff, FakeClock clock) =>
        new(Http, Registry.Address, new RegistryCredentials(Registry.Address, TokenRegistry.Username, password, "test"), Serilog.Core.Logger.None)
        {
            Backoff = backoff,
            Time = clock,
        };

    private static bool SameManifest(Manifest one, Manifest other) =>
        one.Digest == other.Digest && one.MediaType == other.MediaType && one.Size == other.Size && one.Blobs.SequenceEqual(other.Blobs);
}

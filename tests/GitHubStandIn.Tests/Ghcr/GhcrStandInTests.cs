using System.Net;
using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Storage;
using Tooling;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>
/// The GHCR stand-in against the build's registry client and package source, and raw registry requests: the token
/// flow and its refusals, uploads streamed through the front, and GitHub's packages API following every push and
/// taking manifests with every deletion. One pair of stand-ins for the fixture; each test has its own package.
/// </summary>
[TestFixture]
[Category("OfflineLab")]
public sealed class GhcrStandInTests
{
    private string storage = null!;
    private GitHubStandIns standIns = null!;
    private string reader = null!;
    private string writer = null!;
    private HttpClient http = null!;

    private string Address => standIns.Registry.Address;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        storage = Directory.CreateTempSubdirectory("ghcr-standin-tests-").FullName;
        standIns = await GitHubStandIns.StartAsync("acme/gateway", "main", storage);
        reader = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read), ("contents", PermissionLevel.Read)));
        writer = standIns.IssueToken(new TokenGrant("acme/gateway", new Dictionary<string, PermissionLevel> { ["packages"] = PermissionLevel.Write }) { Holder = "writer" });
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http?.Dispose();
        if (standIns is not null)
        {
            await standIns.DisposeAsync();
        }

        Directory.Delete(storage, recursive: true);
    }

    [Test]
    public async Task Without_a_token_the_registry_sends_clients_to_its_token_service_for_the_scope_they_need()
    {
        using var root = await http.GetAsync(new Uri($"http://{Address}/v2/"));
        using var pull = await http.GetAsync(new Uri($"http://{Address}/v2/acme/gateway/manifests/latest"));
        using var push = await http.PostAsync(new Uri($"http://{Address}/v2/acme/gateway/blobs/uploads/"), null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((root.StatusCode, pull.StatusCode, push.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)));
            Assert.That(root.Headers.WwwAuthenticate.ToString(), Is.EqualTo($"Bearer realm=\"http://{Address}/token\",service=\"ghcr.io\",scope=\"repository:user/image:pull\""));
            Assert.That(pull.Headers.WwwAuthenticate.ToString(), Does.EndWith("scope=\"repository:acme/gateway:pull\""));
            Assert.That(push.Headers.WwwAuthenticate.ToString(), Does.EndWith("scope=\"repository:acme/gateway:pull,push\""));
        }
    }

    [Test]
    public async Task The_token_service_refuses_a_password_that_is_no_issued_GITHUB_TOKEN()
    {
        using var response = await GhcrLogin.RequestTokenAsync(http, Address, "ghs_not_issued", "repository:acme/gateway:pull");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"errors":[{"code":"DENIED","message":"denied"}]}"""));
        }
    }

    [Test]
    public async Task An_OAuth2_POST_to_the_token_service_answers_405_which_containerd_takes_as_use_GET()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["password"] = reader });

        using var response = await http.PostAsync(new Uri($"http://{Address}/token"), form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task An_anonymous_pull_is_refused_where_a_packages_read_token_pulls()
    {
        var digest = await PushImageAsync("acme/anonymous", "1.0.0");

        var anonymous = await Assert.ThrowsAsync<BuildFailedException>(() => RegistryClient(null).GetManifestAsync("acme/anonymous", "1.0.0"));
        var pulled = await RegistryClient(reader).GetManifestAsync("acme/anonymous", "1.0.0");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous!.Message, Does.Contain("rejected the credentials (anonymous)"));
            Assert.That(pulled?.Digest, Is.EqualTo(digest));
            Assert.That(standIns.Registry.Requests.Refused.Select(request => (request.Path, request.Access)),
                Does.Contain(("/v2/acme/anonymous/manifests/1.0.0", AccessOutcome.Unauthenticated)));
        }
    }

    [Test]
    public async Task A_push_with_a_packages_read_token_is_denied_with_GHCRs_message()
    {
        var bearer = await GhcrLogin.BearerAsync(Address, reader, "repository:acme/denied:pull,push");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{Address}/v2/acme/denied/blobs/uploads/") { Headers = { Authorization = bearer } };

        using var response = await http.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"errors":[{"code":"DENIED","message":"permission_denied: write_package"}]}"""));
            Assert.That(standIns.Registry.Requests.Refused.Select(refused => refused.ToString()),
                Does.Contain("POST /v2/acme/denied/blobs/uploads/ → 403 (packages=write Refused, acme/gateway)"));
        }
    }

    [Test]
    public async Task Chunked_uploads_stream_through_the_front_and_the_pushed_manifest_becomes_a_version_with_its_tag()
    {
        var bearer = await GhcrLogin.BearerAsync(Address, writer, "repository:acme/chunked:pull,push");
        using var start = new HttpRequestMessage(HttpMethod.Post, $"http://{Address}/v2/acme/chunked/blobs/uploads/") { Headers = { Authorization = bearer } };
        using var started = await http.SendAsync(start);

        var digest = await PushImageAsync("acme/chunked", "1.0.0", chunkSize: 700);
        var versions = await standIns.Versions(reader, "chunked").ListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(started.Headers.Location?.ToString(), Does.StartWith($"http://{Address}/v2/acme/chunked/blobs/uploads/"), "uploads continue at the front");
            Assert.That(standIns.Registry.Requests.Matching("PATCH", "/v2/acme/chunked/blobs/uploads/").Select(request => request.Status).ToList(),
                Has.Count.GreaterThanOrEqualTo(3).And.All.EqualTo(202), "a 2 kB layer in chunks of 700 bytes");
            Assert.That(versions.Select(version => (version.Digest, string.Join(",", version.Tags))), Is.EqualTo(new[] { (digest, "1.0.0") }));
        }
    }

    [Test]
    public async Task A_tag_moves_to_the_version_pushed_under_it_and_a_push_by_digest_has_no_tag()
    {
        var first = await PushImageAsync("acme/moving", "main");
        var second = await PushImageAsync("acme/moving", "main");
        var byDigest = await PushImageAsync("acme/moving", null);

        var tags = (await standIns.Versions(reader, "moving").ListAsync()).ToDictionary(version => version.Digest, version => string.Join(",", version.Tags));

        Assert.That(tags, Is.EquivalentTo(new Dictionary<string, string> { [first] = "", [second] = "main", [byDigest] = "" }));
    }

    [Test]
    public async Task Deleting_a_version_through_the_API_takes_its_manifest_and_tag_out_of_the_registry()
    {
        var deleted = await PushImageAsync("acme/deleting", "pr-1");
        var kept = await PushImageAsync("acme/deleting", "1.2.3");
        var source = standIns.Versions(writer, "deleting");
        var versions = await source.ListAsync();

        await source.DeleteAsync(versions.Single(version => version.Digest == deleted));

        var registry = RegistryClient(reader);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await registry.GetManifestAsync("acme/deleting", deleted), Is.Null);
            Assert.That(await registry.GetManifestAsync("acme/deleting", "pr-1"), Is.Null);
            Assert.That((await registry.GetManifestAsync("acme/deleting", "1.2.3"))?.Digest, Is.EqualTo(kept));
            Assert.That((await source.ListAsync()).Select(version => version.Digest), Is.EqualTo(new[] { kept }));
        }
    }

    [Test]
    public async Task The_registry_API_deletes_nothing_as_on_GHCR_and_refuses_a_token_without_packages_write()
    {
        var digest = await PushImageAsync("acme/undeletable", "1.0.0");

        using var withWrite = await DeleteManifestAsync(writer, "acme/undeletable", digest);
        using var withRead = await DeleteManifestAsync(reader, "acme/undeletable", digest);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withWrite.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(await withWrite.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"UNSUPPORTED\""));
            Assert.That(withRead.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await RegistryClient(reader).GetManifestAsync("acme/undeletable", digest))?.Digest, Is.EqualTo(digest));
            Assert.That((await standIns.Versions(reader, "undeletable").ListAsync()).Select(version => version.Digest), Is.EqualTo(new[] { digest }));
        }
    }

    [Test]
    public async Task The_storage_report_and_an_applied_cleanup_work_end_to_end_against_the_pair()
    {
        var release = await PushImageAsync("acme/retained", "1.2.3");
        var pullRequest = await PushImageAsync("acme/retained", "pr-7");
        var package = new PackageCoordinates("acme", "retained");
        var source = standIns.Versions(writer, "retained");
        var registry = RegistryClient(writer);

        var snapshot = await PackageSnapshot.ReadAsync(package, source, registry, "acme/retained", Serilog.Core.Logger.None);
        var report = StorageReport.Create(package, snapshot.Versions, snapshot.Graph, "main", DateTimeOffset.UtcNow);
        // A month on, the pull request's image has expired (14 days) and the release stays.
        var plan = CleanupPlanner.Plan(snapshot.Versions, snapshot.Graph, new CleanupPolicy(), DateTimeOffset.UtcNow.AddDays(30));
        var result = await PackageCleaner.ApplyAsync(source, plan, snapshot.Graph, Serilog.Core.Logger.None);
        var after = await PackageSnapshot.ReadAsync(package, source, registry, "acme/retained", Serilog.Core.Logger.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ManifestsMissing, Is.Zero, report.MissingNote);
            Assert.That(report.Versions.Select(version => version.Bytes), Has.All.GreaterThan(2048), "sizes read from the manifests in the registry");
            Assert.That(plan.Deletions.Select(decision => decision.Version.Digest), Is.EqualTo(new[] { pullRequest }));
            Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Failed.Select(failure => failure.Error)));
            Assert.That(after.Versions.Select(version => version.Digest), Is.EqualTo(new[] { release }));
            Assert.That(after.Graph.MissingManifests, Is.Empty);
            Assert.That(await registry.GetManifestAsync("acme/retained", pullRequest), Is.Null);
        }
    }

    private Task<string> PushImageAsync(string repository, string? tag, int? chunkSize = null) => standIns.PushImageAsync(writer, repository, tag, chunkSize);

    private async Task<HttpResponseMessage> DeleteManifestAsync(string githubToken, string repository, string digest)
    {
        var bearer = await GhcrLogin.BearerAsync(Address, githubToken, $"repository:{repository}:pull,push,delete");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"http://{Address}/v2/{repository}/manifests/{digest}") { Headers = { Authorization = bearer } };
        return await http.SendAsync(request);
    }

    private RegistryClient RegistryClient(string? githubToken) =>
        new(http, Address, githubToken is null ? null : new RegistryCredentials(Address, "ci-bot", githubToken, "test"), Serilog.Core.Logger.None) { Backoff = Backoff.SingleAttempt };
}

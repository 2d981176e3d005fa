using Delivery.GitHub;
using Delivery.Resilience;
using Delivery.Storage;
using Delivery.Tests.Notifications;
using Delivery.Tests.Resilience;
using GitHubStandIn;
using Tooling;

namespace Delivery.Tests.Storage;

/// <summary>Octokit against the recorded GitHub stub: listing (all pages, organisation or user), deleting, and GitHub's failures.</summary>
public sealed class GitHubPackageVersionsTests
{
    private static readonly PackageCoordinates Package = new("acme", "gateway");
    private static readonly DateTimeOffset Pushed = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    private static readonly GitHubRetry NoWaiting = new(Serilog.Core.Logger.None)
    {
        Time = new FakeClock(),
        Backoff = new Backoff(3, TimeSpan.Zero, TimeSpan.Zero),
    };

    [Test]
    public async Task Lists_every_version_over_several_pages_of_100()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway", [.. Enumerable.Range(1, 250).Select(Version)]);

        var versions = await Source(stub).ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(versions.Select(version => version.Id), Is.EquivalentTo(Enumerable.Range(1, 250).Select(id => (long)id)));
            Assert.That(stub.Requests.Matching("GET", "/api/v3/orgs/acme/packages/container/gateway/versions"), Has.Count.EqualTo(3));
            Assert.That(stub.Requests.Matching("GET", "/api/v3/orgs/").Select(request => request.Query), Has.All.Contain("per_page=100").And.All.Contain("state=active"));
        });
    }

    [Test]
    public async Task Reads_digest_tags_and_push_times_from_GitHubs_shape()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway", new StubPackageVersion(7, Digest(7), ["1.2.3", "latest"], Pushed.AddDays(-1), Pushed));

        var version = (await Source(stub).ListAsync()).Single();

        Assert.That(version, Is.EqualTo(new StoredVersion(7, Digest(7), ["1.2.3", "latest"], Pushed.AddDays(-1), Pushed))
            .Using<StoredVersion>((left, right) => left.Id == right.Id && left.Digest == right.Digest && left.Tags.SequenceEqual(right.Tags)
                                                   && left.CreatedAt == right.CreatedAt && left.UpdatedAt == right.UpdatedAt));
    }

    [Test]
    public async Task A_users_package_is_found_after_the_organisation_endpoint_answers_404_and_deleted_there()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForUser("acme", "gateway", Version(1), Version(2));
        var source = Source(stub);

        var versions = await source.ListAsync();
        await source.DeleteAsync(versions[0]);

        Assert.Multiple(() =>
        {
            Assert.That(versions, Has.Count.EqualTo(2));
            Assert.That(stub.Requests.Matching("DELETE", "/api/v3/users/acme/packages/container/gateway/versions/"), Has.Count.EqualTo(1));
            Assert.That(stub.Packages.IdsOf("acme", "gateway"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unknown_package_fails_naming_the_package_and_the_parameters()
    {
        await using var stub = await GitHubStub.StartAsync();

        // Its own type: StorageReport and Cleanup treat a package not pushed yet as empty, any other failure as one.
        var failure = await Assert.ThrowsAsync<PackageNotFoundException>(() => Source(stub).ListAsync());

        Assert.That(failure!.Message, Does.Contain("'gateway' owned by 'acme'").And.Contain("--package-name"));
    }

    [Test]
    public async Task An_exhausted_rate_limit_is_waited_out_and_the_listing_succeeds()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway", Version(1));
        stub.Faults.Add("GET", "/packages/", FaultKind.RateLimit);

        var versions = await Source(stub).ListAsync();

        Assert.That(versions, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_server_error_is_retried_and_the_listing_succeeds()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway", Version(1));
        stub.Faults.Add("GET", "/packages/", FaultKind.ServerError, times: 2);

        var versions = await Source(stub).ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(versions, Has.Count.EqualTo(1));
            Assert.That(stub.Requests.Matching("GET", "/api/v3/orgs/"), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Persistent_server_errors_fail_with_a_clear_message()
    {
        await using var stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway", Version(1));
        stub.Faults.Add("GET", "/packages/", FaultKind.ServerError, times: 10);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Source(stub).ListAsync());

        Assert.That(failure!.Message, Does.Contain("GitHub's API kept failing (listing the versions of acme/gateway (organisation)): 502 BadGateway after 3 attempts"));
    }

    [Test]
    public async Task A_failed_deletion_is_reported_the_others_go_on_and_what_the_failed_index_lists_is_held_back()
    {
        await using var stub = await GitHubStub.StartAsync();
        var package = new TestPackage();
        var failing = package.MultiArch(30, "pr-1");
        var other = package.Image(30, "pr-2");
        stub.Packages.AddForOrganization("acme", "gateway",
            [.. package.Versions.Select(version => new StubPackageVersion(version.Id, version.Digest, version.Tags, version.CreatedAt, version.UpdatedAt))]);
        stub.Faults.Add("DELETE", $"/versions/{package.VersionOf(failing).Id}", FaultKind.ServerError, times: 10);
        var source = Source(stub);
        await source.ListAsync();
        var plan = package.Plan();

        var result = await PackageCleaner.ApplyAsync(source, plan, package.Graph, Serilog.Core.Logger.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Failed.Select(failure => failure.Version.Digest), Is.EqualTo(new[] { failing }));
            Assert.That(result.Failed[0].Error, Does.Contain("kept failing"));
            Assert.That(result.Deleted.Select(version => version.Digest), Is.EqualTo(new[] { other }));
            Assert.That(result.HeldBack.Select(held => held.Version.Digest), Is.EquivalentTo(package.Graph.ChildrenOf(failing)));
            Assert.That(stub.Packages.IdsOf("acme", "gateway"), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task A_deletion_GitHub_carried_out_but_answered_502_counts_as_deleted_when_the_retry_meets_404()
    {
        await using var stub = await GitHubStub.StartAsync();
        var package = new TestPackage();
        var expired = package.Image(30, "pr-1");
        stub.Packages.AddForOrganization("acme", "gateway",
            [.. package.Versions.Select(version => new StubPackageVersion(version.Id, version.Digest, version.Tags, version.CreatedAt, version.UpdatedAt))]);
        stub.Faults.Add("DELETE", $"/versions/{package.VersionOf(expired).Id}", FaultKind.ServerErrorAfterHandling);
        var log = new CapturedLog();
        var source = Source(stub, log.Logger);
        await source.ListAsync();

        var result = await PackageCleaner.ApplyAsync(source, package.Plan(), package.Graph, log.Logger);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Failed.Select(failure => failure.Error)));
            Assert.That(result.Deleted.Select(version => version.Digest), Is.EqualTo(new[] { expired }));
            Assert.That(stub.Requests.Matching("DELETE", "/api/v3/orgs/acme/packages/container/gateway/versions/").Select(request => request.Status),
                Is.EqualTo(new[] { 502, 404 }), "the first deletion is carried out and answered 502, so the retry meets 404");
            Assert.That(stub.Packages.IdsOf("acme", "gateway"), Is.Empty);
            Assert.That(log.All, Has.Some.Contains("was already gone (GitHub answered 404); counted as deleted"), "the source logs to the logger it was given");
            Assert.That(log.All, Has.Some.StartsWith($"Deleted {package.VersionOf(expired).Id} "), "the cleaner logs to the logger it was given");
        });
    }

    private static GitHubPackageVersions Source(GitHubStub stub, Serilog.ILogger? log = null) =>
        new(GitHubApi.CreateClient("test-token", stub.BaseUrl), Package, NoWaiting, log ?? Serilog.Core.Logger.None);

    private static StubPackageVersion Version(int id) => new(id, Digest(id), [$"pr-{id}"], Pushed.AddDays(-id), Pushed.AddDays(-id));

    private static string Digest(int id) => TestPackage.FakeDigest(id);
}

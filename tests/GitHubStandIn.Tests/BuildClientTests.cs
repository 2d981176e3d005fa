using Delivery.GitHub;
using Delivery.Storage;
using Octokit;
using Tooling;

namespace GitHubStandIn.Tests;

/// <summary>
/// The build's own GitHub clients (Octokit through Delivery) against tokens with a job's scopes: what a rehearsal's
/// job meets when its workflow grants too little.
/// </summary>
public sealed class BuildClientTests
{
    private static readonly PackageCoordinates Gateway = new("acme", "gateway");
    private static readonly DateTimeOffset Pushed = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    private GitHubStub stub = null!;

    [SetUp]
    public async Task StartAsync()
    {
        stub = await GitHubStub.StartAsync();
        stub.Packages.AddForOrganization("acme", "gateway",
            new StubPackageVersion(1, "sha256:" + new string('1', 64), ["1.2.3"], Pushed, Pushed),
            new StubPackageVersion(2, "sha256:" + new string('2', 64), ["pr-41"], Pushed, Pushed));
    }

    [TearDown]
    public Task StopAsync() => stub.DisposeAsync().AsTask();

    [Test]
    public async Task The_storage_report_job_without_packages_read_fails_on_GitHubs_refusal_and_the_log_names_the_request()
    {
        // The registry-cleanup report job as generated with only the workflow default.
        var token = Issue(new TokenGrant("acme/gateway", new Dictionary<string, PermissionLevel> { ["contents"] = PermissionLevel.Read })
        {
            Holder = "registry-cleanup/report",
        });

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Versions(token).ListAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("The token may not do this").And.Contain("Resource not accessible by integration"));
            Assert.That(stub.Requests.Refused.Select(request => request.ToString()), Is.EqualTo(new[]
            {
                "GET /api/v3/orgs/acme/packages/container/gateway/versions?state=active&per_page=100 → 403 (packages=read Refused, registry-cleanup/report)",
            }));
        }
    }

    [Test]
    public async Task With_packages_read_the_versions_are_listed_and_deleting_still_needs_packages_write()
    {
        var reader = Versions(Issue(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read))));
        var writer = Versions(Issue(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Write))));

        var listed = await reader.ListAsync();
        await Assert.ThrowsAsync<BuildFailedException>(() => reader.DeleteAsync(listed[0]));
        var idsAfterRefusal = stub.Packages.IdsOf("acme", "gateway");
        await writer.ListAsync();
        await writer.DeleteAsync(listed.Single(version => version.Id == 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(version => version.Id), Is.EquivalentTo(new long[] { 1, 2 }));
            Assert.That(idsAfterRefusal, Is.EqualTo(new long[] { 1, 2 }), "a refused deletion deletes nothing");
            Assert.That(stub.Packages.IdsOf("acme", "gateway"), Is.EqualTo(new long[] { 1 }));
        }
    }

    [Test]
    public async Task Opening_an_issue_needs_issues_write_where_reading_them_needs_issues_read()
    {
        var reader = GitHubApi.CreateClient(Issue(TokenGrant.Of("acme/gateway", ("issues", PermissionLevel.Read))), stub.BaseUrl);
        var writer = GitHubApi.CreateClient(Issue(TokenGrant.Of("acme/gateway", ("issues", PermissionLevel.Write))), stub.BaseUrl);
        var issue = new NewIssue("Docker build failing on main") { Body = "Target Test failed", Labels = { "build-failure" } };

        await Assert.ThrowsAsync<ForbiddenException>(() => reader.Issue.Create("acme", "gateway", issue));
        var opened = await writer.Issue.Create("acme", "gateway", issue);
        var listed = await reader.Issue.GetAllForRepository("acme", "gateway");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(found => found.Number), Is.EqualTo(new[] { opened.Number }));
            Assert.That(stub.Issues.Labels.Select(label => label.Name), Is.EqualTo(new[] { "build-failure" }), "the label GitHub creates with the issue");
        }
    }

    [Test]
    public async Task An_unknown_token_is_rejected_as_bad_credentials()
    {
        Issue(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read)));

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Versions("ghs_not_issued").ListAsync());

        Assert.That(failure!.Message, Does.Contain("GitHub rejected the token").And.Contain("Bad credentials"));
    }

    private string Issue(TokenGrant grant)
    {
        var token = $"ghs_{Guid.NewGuid():N}";
        stub.Tokens.Issue(token, grant);
        return token;
    }

    private GitHubPackageVersions Versions(string token) => new(GitHubApi.CreateClient(token, stub.BaseUrl), Gateway, new GitHubRetry(Serilog.Core.Logger.None), Serilog.Core.Logger.None);
}

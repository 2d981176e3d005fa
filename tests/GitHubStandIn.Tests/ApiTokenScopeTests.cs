using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GitHubStandIn.Tests;

/// <summary>
/// Every route of the API stand-in against the scope GitHub documents for it: refused (403, GitHub's body and
/// <c>x-accepted-github-permissions</c>) with every other scope at write and its own one level short, served with
/// exactly its own. The table here is the one docs/operations.md gives.
/// </summary>
public sealed class ApiTokenScopeTests
{
    private GitHubStub stub = null!;
    private HttpClient http = null!;

    public static IEnumerable<TestCaseData> Routes()
    {
        (string Method, string Path, string Scope, PermissionLevel Level)[] routes =
        [
            ("GET", "orgs/acme/packages/container/gateway/versions", "packages", PermissionLevel.Read),
            ("GET", "users/acme/packages/container/gateway/versions", "packages", PermissionLevel.Read),
            ("DELETE", "orgs/acme/packages/container/gateway/versions/1", "packages", PermissionLevel.Write),
            ("DELETE", "users/acme/packages/container/gateway/versions/1", "packages", PermissionLevel.Write),
            ("GET", "repos/acme/gateway/issues", "issues", PermissionLevel.Read),
            ("POST", "repos/acme/gateway/issues", "issues", PermissionLevel.Write),
            ("GET", "repos/acme/gateway/issues/1", "issues", PermissionLevel.Read),
            ("PATCH", "repos/acme/gateway/issues/1", "issues", PermissionLevel.Write),
            ("GET", "repos/acme/gateway/issues/1/comments", "issues", PermissionLevel.Read),
            ("POST", "repos/acme/gateway/issues/1/comments", "issues", PermissionLevel.Write),
            ("GET", "repos/acme/gateway/actions/workflows/docker-build.yml/runs", "actions", PermissionLevel.Read),
            ("GET", "repos/acme/gateway/actions/runs/1/jobs", "actions", PermissionLevel.Read),
            ("GET", "repos/acme/gateway/check-runs/1/annotations", "checks", PermissionLevel.Read),
        ];
        return routes.Select(route => new TestCaseData(route.Method, route.Path, route.Scope, route.Level).SetArgDisplayNames($"{route.Method} {route.Path}"));
    }

    [SetUp]
    public async Task StartAsync()
    {
        stub = await GitHubStub.StartAsync();
        stub.Repositories.Add("acme/gateway", "main");
        http = new HttpClient { BaseAddress = stub.ApiRoot, Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await stub.DisposeAsync();
    }

    [TestCaseSource(nameof(Routes))]
    public async Task A_route_refuses_a_token_one_level_short_of_its_scope_and_serves_one_that_holds_it(string method, string path, string scope, PermissionLevel level)
    {
        var short1 = Issue(TokenGrant.KnownScopes.ToDictionary(name => name, name => name == scope ? level - 1 : PermissionLevel.Write));
        var exact = Issue(new Dictionary<string, PermissionLevel> { [scope] = level });

        using var refused = await SendAsync(method, path, "token", short1);
        using var served = await SendAsync(method, path, "token", exact);

        var expected = $"{scope}={level.ToString().ToLowerInvariant()}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refused.Headers.GetValues("x-accepted-github-permissions"), Is.EqualTo(new[] { expected }));
            var body = await JsonAsync(refused);
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Resource not accessible by integration"));
            Assert.That(body.GetProperty("documentation_url").GetString(), Does.StartWith("https://docs.github.com/rest/"));
            Assert.That(served.StatusCode, Is.Not.EqualTo(HttpStatusCode.Forbidden).And.Not.EqualTo(HttpStatusCode.Unauthorized), await served.Content.ReadAsStringAsync());
            Assert.That(stub.Requests.All.Select(request => (request.Status, request.Permission, request.Access)),
                Is.EqualTo(new[] { (403, expected, AccessOutcome.Refused), ((int)served.StatusCode, expected, AccessOutcome.Granted) }));
        }
    }

    [TestCase("token")]
    [TestCase("Bearer")]
    [TestCase("Basic")]
    public async Task A_token_is_taken_in_each_form_GitHub_accepts(string scheme)
    {
        var token = Issue(new Dictionary<string, PermissionLevel> { ["issues"] = PermissionLevel.Read });

        using var response = await SendAsync("GET", "repos/acme/gateway/issues", scheme, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_unknown_or_revoked_token_is_answered_401_Bad_credentials_and_a_missing_one_Requires_authentication()
    {
        var revoked = Issue(new Dictionary<string, PermissionLevel> { ["issues"] = PermissionLevel.Write });
        stub.Tokens.Revoke(revoked);

        using var unknown = await SendAsync("GET", "repos/acme/gateway/issues", "token", "ghs_never_issued");
        using var ended = await SendAsync("GET", "repos/acme/gateway/issues", "token", revoked);
        using var missing = await SendAsync("GET", "repos/acme/gateway/issues", null, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((unknown.StatusCode, (await JsonAsync(unknown)).GetProperty("message").GetString()), Is.EqualTo((HttpStatusCode.Unauthorized, "Bad credentials")));
            Assert.That((ended.StatusCode, (await JsonAsync(ended)).GetProperty("message").GetString()), Is.EqualTo((HttpStatusCode.Unauthorized, "Bad credentials")));
            Assert.That((missing.StatusCode, (await JsonAsync(missing)).GetProperty("message").GetString()), Is.EqualTo((HttpStatusCode.Unauthorized, "Requires authentication")));
            Assert.That(stub.Requests.Refused.Select(request => request.Access),
                Is.EqualTo(new[] { AccessOutcome.BadCredentials, AccessOutcome.BadCredentials, AccessOutcome.Unauthenticated }));
        }
    }

    [Test]
    public async Task A_token_reaches_only_its_own_repository_and_owner()
    {
        var token = Issue(new Dictionary<string, PermissionLevel> { ["issues"] = PermissionLevel.Write, ["packages"] = PermissionLevel.Write });

        using var otherRepository = await SendAsync("GET", "repos/acme/other/issues", "token", token);
        using var otherOwner = await SendAsync("GET", "orgs/globex/packages/container/gateway/versions", "token", token);
        using var ownRepositoryOtherCase = await SendAsync("GET", "repos/ACME/Gateway/issues", "token", token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(otherRepository.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(otherOwner.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ownRepositoryOtherCase.StatusCode, Is.EqualTo(HttpStatusCode.OK), "GitHub's names are case-insensitive");
        }
    }

    [Test]
    public async Task Every_token_reads_its_repository_whose_default_branch_the_stub_was_given()
    {
        var token = Issue(new Dictionary<string, PermissionLevel>());

        using var response = await SendAsync("GET", "repos/acme/gateway", "token", token);

        var body = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("default_branch").GetString(), Is.EqualTo("main"));
            Assert.That(body.GetProperty("full_name").GetString(), Is.EqualTo("acme/gateway"));
            Assert.That(stub.Requests.All.Single().Permission, Is.EqualTo("metadata=read"));
        }
    }

    [Test]
    public async Task Until_a_token_is_issued_nothing_is_checked_though_the_log_names_the_scope()
    {
        using var response = await SendAsync("GET", "orgs/acme/packages/container/gateway/versions", "token", "anything");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "served: the package simply does not exist");
            Assert.That(stub.Requests.All.Single().Permission, Is.EqualTo("packages=read"));
            Assert.That(stub.Requests.All.Single().Access, Is.EqualTo(AccessOutcome.NotChecked));
        }
    }

    [Test]
    public void A_grant_with_a_misspelt_scope_is_refused_rather_than_granting_nothing_silently()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => TokenGrant.Of("acme/gateway", ("package", PermissionLevel.Read)), Throws.ArgumentException.With.Message.Contains("'package'"));
            Assert.That(TokenGrant.Of("acme/gateway", ("pull_requests", PermissionLevel.Write)).LevelOf("pull-requests"), Is.EqualTo(PermissionLevel.Write));
            Assert.That(() => stub.Tokens.Issue("same", TokenGrant.Of("acme/gateway")), Throws.Nothing);
            Assert.That(() => stub.Tokens.Issue("same", TokenGrant.Of("acme/gateway")), Throws.InvalidOperationException);
        });
    }

    private string Issue(IReadOnlyDictionary<string, PermissionLevel> scopes)
    {
        var token = $"ghs_{Guid.NewGuid():N}";
        stub.Tokens.Issue(token, new TokenGrant("acme/gateway", scopes));
        return token;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? scheme, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme,
                scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token}")) : token);
        }

        if (method is "POST" or "PATCH")
        {
            request.Content = new StringContent("""{"title":"Docker build failing on main","body":"Target Test failed"}""", Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

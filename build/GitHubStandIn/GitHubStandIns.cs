using System.Security.Cryptography;

namespace GitHubStandIn;

/// <summary>
/// GitHub as one repository's workflows see it, on loopback: the REST API (<see cref="Api"/>) and GHCR
/// (<see cref="Registry"/>) sharing one package store, and GITHUB_TOKENs each holding exactly its job's scopes
/// (<see cref="IssueToken"/>). What a rehearsal starts once and gives every job it runs (<see cref="VariablesFor"/>).
/// </summary>
public sealed class GitHubStandIns : IAsyncDisposable
{
    private GitHubStandIns(GitHubStub api, GhcrStandIn registry, StubRepository repository)
    {
        Api = api;
        Registry = registry;
        Repository = repository;
    }

    public GitHubStub Api { get; }

    public GhcrStandIn Registry { get; }

    /// <summary>The repository the workflows belong to, with its default branch (also served at <c>GET /repos/{owner}/{repo}</c>).</summary>
    public StubRepository Repository { get; }

    /// <summary>GITHUB_API_URL: <c>http://127.0.0.1:port/api/v3</c>, as GitHub Enterprise spells its API root.</summary>
    public string ApiUrl => Api.ApiRoot.ToString().TrimEnd('/');

    /// <summary>GITHUB_SERVER_URL: the API stand-in's root, so links a build prints (run, commit, issue) stay on loopback.</summary>
    public string ServerUrl => Api.BaseUrl.ToString().TrimEnd('/');

    /// <summary>
    /// Starts both stand-ins for <paramref name="repository"/> (<c>owner/name</c>); docker-registry keeps its storage in
    /// <paramref name="storageDirectory"/>. A start that fails or is cancelled stops what it had started.
    /// </summary>
    public static async Task<GitHubStandIns> StartAsync(string repository, string defaultBranch, string storageDirectory,
        CancellationToken cancellationToken = default)
    {
        var api = await GitHubStub.StartAsync();
        try
        {
            var stored = api.Repositories.Add(repository, defaultBranch);
            var registry = await GhcrStandIn.StartAsync(api, storageDirectory, cancellationToken);
            return new GitHubStandIns(api, registry, stored);
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A fresh GITHUB_TOKEN (<c>ghs_…</c>, GitHub's shape for it) holding exactly <paramref name="grant"/>'s scopes, good
    /// for the API and as the password at the registry until <see cref="RevokeToken"/>.
    /// </summary>
    public string IssueToken(TokenGrant grant)
    {
        var token = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        Api.Tokens.Issue(token, grant);
        return token;
    }

    /// <summary>Ends a token, as GitHub does when its job finishes.</summary>
    public void RevokeToken(string token) => Api.Tokens.Revoke(token);

    /// <summary>
    /// What a job's steps get to reach the stand-ins: GITHUB_TOKEN, GITHUB_API_URL, GITHUB_SERVER_URL,
    /// GITHUB_REPOSITORY, GITHUB_REPOSITORY_OWNER, and REGISTRY (the build's <c>--registry</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> VariablesFor(string token) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GITHUB_TOKEN"] = token,
        ["GITHUB_API_URL"] = ApiUrl,
        ["GITHUB_SERVER_URL"] = ServerUrl,
        ["GITHUB_REPOSITORY"] = Repository.FullName,
        ["GITHUB_REPOSITORY_OWNER"] = Repository.Owner,
        ["REGISTRY"] = Registry.Address,
    };

    /// <summary>Stops the registry (docker-registry included) and the API, each even if the other fails to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Registry.DisposeAsync();
        }
        finally
        {
            await Api.DisposeAsync();
        }
    }
}

using Delivery.Rehearsal;
using GitHubStandIn;

/// <summary>
/// GitHub as the rehearsal's jobs see it: the API and GHCR stand-ins (build/GitHubStandIn) behind the rehearsal's
/// <see cref="IGitHubServices"/>; each job's token holds exactly its job's scopes, and what they refused is noted.
/// </summary>
sealed class GitHubStandInServices(GitHubStandIns standIns) : IGitHubServices, IGitHubServicesHandle
{
    public static async Task<IGitHubServicesHandle> StartAsync(RehearsalRepository repository, string storageDirectory) =>
        new GitHubStandInServices(await GitHubStandIns.StartAsync(repository.FullName, repository.DefaultBranch, storageDirectory));

    public IGitHubServices Services => this;

    public Uri ApiUrl => new(standIns.ApiUrl);

    public Uri ServerUrl => new(standIns.ServerUrl);

    public string RegistryAddress => standIns.Registry.Address;

    /// <summary>The stand-ins, then every request they refused for a missing scope or a bad token, as GitHub would have.</summary>
    public IReadOnlyList<string> Notes =>
    [
        $"github.com's API: a stand-in on {standIns.ApiUrl} (GitHub's recorded response shapes; each job's token scoped by its permissions)",
        $"ghcr.io: a stand-in registry on {standIns.Registry.Address} (docker-registry behind GHCR's token flow and scopes)",
        Published(),
        .. standIns.Api.Requests.Refused.Concat(standIns.Registry.Requests.Refused.Where(request => request.Access != AccessOutcome.Unauthenticated))
            .Select(request => $"refused: {request}"),
    ];

    /// <summary>What the package holds when the rehearsal ends: proof of a push (and its tags), or that none happened.</summary>
    string Published()
    {
        var (owner, name) = (standIns.Repository.Owner, standIns.Repository.FullName.Split('/')[1]);
        var versions = standIns.Api.Packages.VersionsOf(isUser: false, owner, name) ?? standIns.Api.Packages.VersionsOf(isUser: true, owner, name) ?? [];
        var tags = versions.SelectMany(version => version.Tags).Order(StringComparer.Ordinal).ToList();
        return versions.Count == 0
            ? $"ghcr.io stand-in: nothing was pushed to {owner}/{name}"
            : $"ghcr.io stand-in: {versions.Count} manifests pushed to {owner}/{name}, tagged {(tags.Count == 0 ? "(none)" : string.Join(", ", tags))}";
    }

    public string IssueToken(string holder, string repository, IReadOnlyDictionary<string, string> scopes) =>
        standIns.IssueToken(new TokenGrant(repository, scopes.ToDictionary(pair => pair.Key,
            pair => pair.Value == "write" ? PermissionLevel.Write : PermissionLevel.Read))
        { Holder = holder });

    public ValueTask DisposeAsync() => standIns.DisposeAsync();
}

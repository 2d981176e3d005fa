using Delivery.GitHub;
using Delivery.Storage;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>The build's package source and a registry pusher, pointed at a pair of stand-ins with one GITHUB_TOKEN.</summary>
internal static class StandInClients
{
    /// <summary>The versions of <c>acme/<paramref name="package"/></c> through the build's own source (Octokit), as <paramref name="token"/> sees them.</summary>
    public static GitHubPackageVersions Versions(this GitHubStandIns standIns, string token, string package) =>
        new(GitHubApi.CreateClient(token, standIns.Api.BaseUrl), new PackageCoordinates("acme", package), new GitHubRetry(Serilog.Core.Logger.None), Serilog.Core.Logger.None);

    /// <summary>A one-layer image pushed through the GHCR front with <paramref name="token"/>'s registry token; its manifest digest.</summary>
    public static async Task<string> PushImageAsync(this GitHubStandIns standIns, string token, string repository, string? tag, int? chunkSize = null)
    {
        var address = standIns.Registry.Address;
        var bearer = await GhcrLogin.BearerAsync(address, token, $"repository:{repository}:pull,push");
        using var uploader = new RegistryUploader(address, bearer, repository) { ChunkSize = chunkSize };
        return await uploader.PushImageAsync("linux", "amd64", tag);
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// Keeps GitHub's packages API and the registry one store, as they are on GitHub: a manifest pushed through the front
/// becomes (or updates) a package version, and a version deleted through the API takes its manifest out of
/// docker-registry (whose own DELETE also drops the tags pointing at it, as GHCR does with the version's tags).
/// </summary>
internal sealed class GhcrPackageSync(PackageStore store, string backend) : IDisposable
{
    private readonly HttpClient registry = new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{backend}/") };

    /// <summary>After docker-registry stored a manifest (201): the version named by its digest, with the tag it was pushed under.</summary>
    public void RecordPush(GhcrTarget target, HttpResponse response)
    {
        if (response.StatusCode != StatusCodes.Status201Created || response.Headers["Docker-Content-Digest"].ToString() is not { Length: > 0 } digest)
        {
            return;
        }

        store.RecordPush(target.Owner, target.Package, digest, target.Tag, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Deletes the version's manifest by digest. One the registry never had (a version a test arranged by hand) is
    /// already gone; any other failure fails the API's deletion, as the two are one operation on GitHub.
    /// </summary>
    public async Task DeleteManifestAsync(DeletedPackageVersion deleted, CancellationToken cancellationToken)
    {
        // Registry repository names are lower case; GitHub's owner logins are not.
        var repository = $"{deleted.Owner.ToLowerInvariant()}/{deleted.Package}";
        using var response = await registry.DeleteAsync($"v2/{repository}/manifests/{deleted.Version.Digest}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound && !response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"docker-registry answered {(int)response.StatusCode} deleting {repository}@{deleted.Version.Digest}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public void Dispose() => registry.Dispose();
}

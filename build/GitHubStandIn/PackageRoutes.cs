using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHubStandIn;

/// <summary>
/// <c>GET /orgs/{org}/packages/container/{package}/versions</c> and <c>/users/{user}/…</c> (paginated), and
/// <c>DELETE …/versions/{id}</c>, in the shape of GitHub's REST reference (Recordings/packages/container-versions.json).
/// An unknown owner, package or version is a 404, as on GitHub. Listing needs <c>packages: read</c>, deleting
/// <c>packages: write</c>; a deletion also removes the manifest from a registry that follows the store (<see cref="GhcrStandIn"/>).
/// </summary>
internal static class PackageRoutes
{
    public static void Map(RouteGroupBuilder api, PackageStore store)
    {
        foreach (var (prefix, isUser, owned) in new[] { ("orgs", false, "an-organization"), ("users", true, "a-user") })
        {
            api.MapGet($"/{prefix}/{{owner}}/packages/container/{{package}}/versions", (HttpContext context, string owner, string package) =>
                store.VersionsOf(isUser, owner, package) is { } versions
                    ? Results.Json(Paging.Page(context, versions).Select(version => Render(context, prefix, owner, package, version)))
                    : NotFound())
                .Requires("packages", PermissionLevel.Read, $"{Documentation}#list-package-versions-for-a-package-owned-by-{owned}");

            api.MapDelete($"/{prefix}/{{owner}}/packages/container/{{package}}/versions/{{id:long}}",
                    async (string owner, string package, long id, CancellationToken cancellationToken) =>
                        await store.DeleteAsync(isUser, owner, package, id, cancellationToken) ? Results.NoContent() : NotFound())
                .Requires("packages", PermissionLevel.Write, $"{Documentation}#delete-package-version-for-{owned}");
        }
    }

    private const string Documentation = "https://docs.github.com/rest/packages/packages";

    private static IResult NotFound() =>
        Results.Json(new { message = "Package not found.", documentation_url = Documentation }, statusCode: StatusCodes.Status404NotFound);

    private static object Render(HttpContext context, string prefix, string owner, string package, StubPackageVersion version) => new
    {
        id = version.Id,
        name = version.Digest,
        url = $"{context.Request.Scheme}://{context.Request.Host}/api/v3/{prefix}/{owner}/packages/container/{package}/versions/{version.Id}",
        package_html_url = $"https://github.com/{(prefix == "orgs" ? "orgs/" : "users/")}{owner}/packages/container/package/{package}",
        created_at = version.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        updated_at = version.UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        html_url = $"https://github.com/{(prefix == "orgs" ? "orgs/" : "users/")}{owner}/packages/container/{package}/{version.Id}",
        metadata = new { package_type = "container", container = new { tags = version.Tags } },
    };
}

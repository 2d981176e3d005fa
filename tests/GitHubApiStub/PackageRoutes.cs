using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHubApiStub;

/// <summary>
/// <c>GET /orgs/{org}/packages/container/{package}/versions</c> and <c>/users/{user}/…</c> (paginated), and
/// <c>DELETE …/versions/{id}</c>, in the shape of GitHub's REST reference (Recordings/packages/container-versions.json).
/// An unknown owner, package or version is a 404, as on GitHub.
/// </summary>
internal static class PackageRoutes
{
    public static void Map(RouteGroupBuilder api, PackageStore store)
    {
        foreach (var (prefix, isUser) in new[] { ("orgs", false), ("users", true) })
        {
            api.MapGet($"/{prefix}/{{owner}}/packages/container/{{package}}/versions", (HttpContext context, string owner, string package) =>
                store.VersionsOf(isUser, owner, package) is { } versions
                    ? Results.Json(Paging.Page(context, versions).Select(version => Render(context, prefix, owner, package, version)))
                    : NotFound());

            api.MapDelete($"/{prefix}/{{owner}}/packages/container/{{package}}/versions/{{id:long}}", (string owner, string package, long id) =>
                store.Delete(isUser, owner, package, id) ? Results.NoContent() : NotFound());
        }
    }

    private static IResult NotFound() =>
        Results.Json(new { message = "Package not found.", documentation_url = "https://docs.github.com/rest/packages/packages" }, statusCode: StatusCodes.Status404NotFound);

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

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHubStandIn;

/// <summary>
/// <c>GET /repos/{owner}/{repo}</c>: the fields a workflow step reads of its repository (default_branch above all), in
/// the shape of GitHub's REST reference. It needs <c>metadata: read</c>, which every GITHUB_TOKEN holds.
/// </summary>
internal static class RepositoryRoutes
{
    private const string Documentation = "https://docs.github.com/rest/repos/repos";

    public static void Map(RouteGroupBuilder api, RepositoryStore store) =>
        api.MapGet("/repos/{owner}/{repo}", (HttpContext context, string owner, string repo) =>
                store.Find(owner, repo) is { } repository
                    ? Results.Json(Render(context, repository))
                    : Results.Json(new { message = "Not Found", documentation_url = $"{Documentation}#get-a-repository" }, statusCode: StatusCodes.Status404NotFound))
            .Requires("metadata", PermissionLevel.Read, $"{Documentation}#get-a-repository");

    private static object Render(HttpContext context, StubRepository repository)
    {
        var server = $"{context.Request.Scheme}://{context.Request.Host}";
        return new
        {
            id = repository.Id,
            node_id = $"R_kgDO{repository.Id}",
            name = repository.Name,
            full_name = repository.FullName,
            @private = true,
            visibility = "private",
            owner = new { login = repository.Owner, id = repository.Id + 1, type = "Organization" },
            html_url = $"{server}/{repository.FullName}",
            url = $"{server}/api/v3/repos/{repository.FullName}",
            default_branch = repository.DefaultBranch,
        };
    }
}

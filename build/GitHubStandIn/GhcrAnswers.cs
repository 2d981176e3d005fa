using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>GHCR's refusals, in the registry API's error shape (<c>{"errors":[{"code":…,"message":…}]}</c>).</summary>
internal static class GhcrAnswers
{
    /// <summary>
    /// 401 with the Bearer challenge that sends a client to the token service: for <c>/v2/</c> GHCR names a placeholder
    /// scope (<c>repository:user/image:pull</c>), for a repository the actions the request needs.
    /// </summary>
    public static Task UnauthorizedAsync(HttpContext context, GhcrTarget? target)
    {
        var scope = target?.Repository is { } repository
            ? $"repository:{repository}:{(target.Action == "pull" ? "pull" : "pull,push")}"
            : "repository:user/image:pull";
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{context.Request.Host}/token\",service=\"{GhcrStandIn.Service}\",scope=\"{scope}\"";
        return ErrorAsync(context.Response, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "authentication required");
    }

    /// <summary>403 for a token whose GITHUB_TOKEN lacks the package permission: what docker prints as <c>denied: permission_denied: write_package</c>.</summary>
    public static Task DeniedAsync(HttpResponse response, GhcrTarget target) =>
        ErrorAsync(response, StatusCodes.Status403Forbidden, "DENIED", target.Action == "pull" ? "permission_denied: read_package" : "permission_denied: write_package");

    /// <summary>403 from the token service for credentials that are no GITHUB_TOKEN it knows (docker login says <c>denied: denied</c>).</summary>
    public static Task BadCredentialsAsync(HttpResponse response) => ErrorAsync(response, StatusCodes.Status403Forbidden, "DENIED", "denied");

    /// <summary>GHCR deletes only through GitHub's packages API: the registry API's DELETE answers 405.</summary>
    public static Task UnsupportedAsync(HttpResponse response) =>
        ErrorAsync(response, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "The operation is unsupported.");

    public static Task NotFoundAsync(HttpResponse response) => ErrorAsync(response, StatusCodes.Status404NotFound, "NOT_FOUND", "not found");

    private static Task ErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { errors = new[] { new { code, message } } });
    }
}

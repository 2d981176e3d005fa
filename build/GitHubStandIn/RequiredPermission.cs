using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// The scope a route needs of a GITHUB_TOKEN, as GitHub documents it for the endpoint ("Permissions required for
/// GitHub Apps"), and the endpoint's documentation, which GitHub names in its refusal.
/// </summary>
public sealed record RequiredPermission(string Scope, PermissionLevel Level, string DocumentationUrl)
{
    /// <summary>GitHub's spelling in <c>x-accepted-github-permissions</c>: <c>packages=read</c>, <c>pull_requests=write</c>.</summary>
    public override string ToString() => $"{Scope.Replace('-', '_')}={Level.ToString().ToLowerInvariant()}";
}

internal static class RequiredPermissionExtensions
{
    /// <summary>Declares the scope the route needs; the stub's access check reads it from the endpoint's metadata.</summary>
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder route, string scope, PermissionLevel level, string documentationUrl) =>
        route.WithMetadata(new RequiredPermission(scope, level, documentationUrl));

    public static RequiredPermission? RequiredPermission(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>();
}

using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>The API stand-in's verdict on one request: its outcome, the scope checked and whose token it was.</summary>
internal sealed record ApiAccess(AccessOutcome Outcome, RequiredPermission? Permission, TokenGrant? Grant)
{
    private const string RestDocumentation = "https://docs.github.com/rest";

    public bool Allowed => Outcome is AccessOutcome.NotChecked or AccessOutcome.Granted;

    /// <summary>
    /// Checks the request's token against the scope its route declares (<see cref="RequiredPermission"/>) and against the
    /// route's <c>{owner}</c> (and <c>{repo}</c>): a GITHUB_TOKEN reaches only its own repository's resources. A token
    /// is checked on every route once tokens are enforced, as GitHub rejects an unknown token whatever it asks for.
    /// </summary>
    public static ApiAccess Check(HttpContext context, IssuedTokens tokens)
    {
        var required = context.RequiredPermission();
        if (!tokens.Enforcing)
        {
            return new ApiAccess(AccessOutcome.NotChecked, required, null);
        }

        var secret = Credentials.SecretOf(context.Request);
        var grant = secret is null ? null : tokens.Find(secret);
        if (secret is not null && grant is null)
        {
            return new ApiAccess(AccessOutcome.BadCredentials, required, null);
        }

        if (required is null)
        {
            return new ApiAccess(AccessOutcome.NotChecked, null, grant);
        }

        if (grant is null)
        {
            return new ApiAccess(AccessOutcome.Unauthenticated, required, null);
        }

        var owner = context.Request.RouteValues["owner"] as string ?? "";
        var repository = context.Request.RouteValues["repo"] as string;
        var granted = grant.Covers(owner, repository) && grant.Allows(required.Scope, required.Level);
        return new ApiAccess(granted ? AccessOutcome.Granted : AccessOutcome.Refused, required, grant);
    }

    /// <summary>GitHub's answer to a refused request: its status, body and, for a missing scope, the scope it would accept.</summary>
    public async Task WriteRefusalAsync(HttpResponse response)
    {
        if (Outcome == AccessOutcome.Refused)
        {
            // GitHub names the scopes that would have done in this header, for GitHub Apps' tokens such as GITHUB_TOKEN.
            response.Headers["x-accepted-github-permissions"] = Permission!.ToString();
            response.StatusCode = StatusCodes.Status403Forbidden;
            await response.WriteAsJsonAsync(new { message = "Resource not accessible by integration", documentation_url = Permission.DocumentationUrl, status = "403" });
            return;
        }

        response.StatusCode = StatusCodes.Status401Unauthorized;
        await response.WriteAsJsonAsync(new
        {
            message = Outcome == AccessOutcome.BadCredentials ? "Bad credentials" : "Requires authentication",
            documentation_url = RestDocumentation,
            status = "401",
        });
    }
}

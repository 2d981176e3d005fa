using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// The registry API as GHCR answers it, request by request: a registry token is needed (else the Bearer challenge),
/// its actions must cover the request (else a challenge for a token that does, or 403 DENIED when the GITHUB_TOKEN
/// behind it lacks the package permission), DELETE is unsupported, and everything else goes to docker-registry, a
/// stored manifest then becoming a package version. Every request lands in the log with the permission checked.
/// </summary>
internal sealed class GhcrFront(GhcrTokenService tokens, GhcrForwarder forwarder, GhcrPackageSync packages, RequestLog log)
{
    public async Task HandleAsync(HttpContext context)
    {
        var target = GhcrTarget.Of(context.Request);
        var token = tokens.Find(context.Request);
        var request = RequestLog.Describe(context.Request);
        var outcome = AccessOutcome.NotChecked;
        try
        {
            outcome = await AnswerAsync(context, target, token);
        }
        finally
        {
            log.Add(request with
            {
                Status = context.Response.StatusCode,
                Permission = target?.Repository is null ? null : target.Permission,
                Access = outcome,
                Holder = token?.Grant?.ToString(),
            });
        }
    }

    private async Task<AccessOutcome> AnswerAsync(HttpContext context, GhcrTarget? target, GhcrToken? token)
    {
        if (token is null)
        {
            // No token, or one this service did not issue (expired tokens look the same): the login starts over.
            await GhcrAnswers.UnauthorizedAsync(context, target);
            return AccessOutcome.Challenged;
        }

        if (target is null)
        {
            await GhcrAnswers.NotFoundAsync(context.Response);
            return AccessOutcome.NotChecked;
        }

        if (target.Repository is { } repository && !token.Grants(repository, target.Action))
        {
            if (token.Grant is null)
            {
                // An anonymous token: GHCR serves only public packages to it, and the stand-in has none.
                await GhcrAnswers.UnauthorizedAsync(context, target);
                return AccessOutcome.Unauthenticated;
            }

            if (!GhcrToken.Allows(token.Grant, repository, target.Action))
            {
                await GhcrAnswers.DeniedAsync(context.Response, target);
                return AccessOutcome.Refused;
            }

            await GhcrAnswers.UnauthorizedAsync(context, target);
            return AccessOutcome.Challenged;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            await GhcrAnswers.UnsupportedAsync(context.Response);
            return AccessOutcome.Granted;
        }

        KeepMountsWithinReach(context.Request, target, token);
        await forwarder.ForwardAsync(context);
        if (target.IsManifest && HttpMethods.IsPut(context.Request.Method))
        {
            packages.RecordPush(target, context.Response);
        }

        return target.Repository is null ? AccessOutcome.NotChecked : AccessOutcome.Granted;
    }

    /// <summary>
    /// A blob mount (<c>?mount=…&amp;from=other/repo</c>) reads another repository: without pull there it becomes a plain
    /// upload, as a registry that refuses the mount answers, so a token never reaches a package it may not read.
    /// </summary>
    private static void KeepMountsWithinReach(HttpRequest request, GhcrTarget target, GhcrToken token)
    {
        if (target.Kind == "blobs" && request.Query["from"].ToString() is { Length: > 0 } from && !token.Grants(from, "pull"))
        {
            request.QueryString = QueryString.Empty;
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// GitHub's REST API on 127.0.0.1 (a free port). Octokit pointed at <see cref="BaseUrl"/> talks to it as to
/// GitHub Enterprise (<c>/api/v3/…</c>). Tests arrange state in the stores, inject <see cref="Faults"/>, and
/// read <see cref="Requests"/>. Once a token is issued (<see cref="Tokens"/>), each route needs a token holding the scope
/// GitHub documents for it, and answers 401 or 403 as GitHub does (<see cref="ApiAccess"/>).
/// </summary>
public sealed class GitHubStub : IAsyncDisposable
{
    private WebApplication app = null!;

    private GitHubStub()
    {
    }

    /// <summary>What to give Octokit (or GITHUB_API_URL): <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The API root requests arrive under, as GitHub Enterprise serves it.</summary>
    public Uri ApiRoot => new(BaseUrl, "api/v3/");

    public PackageStore Packages { get; } = new();

    public RepositoryStore Repositories { get; } = new();

    public IssueStore Issues { get; } = new();

    public ActionsStore Actions { get; } = new();

    public FaultPlan Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    /// <summary>The GITHUB_TOKENs it accepts and their scopes; none issued (the default) means nothing is checked.</summary>
    public IssuedTokens Tokens { get; } = new();

    public static async Task<GitHubStub> StartAsync()
    {
        var stub = new GitHubStub();
        (stub.app, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                var request = await RequestLog.ReadAsync(context.Request);
                var access = ApiAccess.Check(context, stub.Tokens);
                try
                {
                    // GitHub sends its rate-limit headers with every answer, refusals too (Octokit reads them on a 403).
                    RateLimitHeaders.WritePlenty(context.Response);
                    if (!access.Allowed)
                    {
                        await access.WriteRefusalAsync(context.Response);
                    }
                    else if (stub.Faults.TryTake(context.Request.Method, context.Request.Path.Value ?? "") is { } fault)
                    {
                        await fault.AnswerAsync(context, next);
                    }
                    else
                    {
                        await next(context);
                    }
                }
                catch when (!context.Response.HasStarted)
                {
                    // Kestrel answers an unhandled exception with 500 after this middleware; the log says so now.
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    throw;
                }
                finally
                {
                    stub.Requests.Add(request with
                    {
                        Status = context.Response.StatusCode,
                        Permission = access.Permission?.ToString(),
                        Access = access.Outcome,
                        Holder = access.Grant?.ToString(),
                    });
                }
            });
            var api = app.MapGroup("/api/v3");
            RepositoryRoutes.Map(api, stub.Repositories);
            PackageRoutes.Map(api, stub.Packages);
            IssueRoutes.Map(api, stub.Issues);
            ActionsRoutes.Map(api, stub.Actions);
        });
        stub.BaseUrl = new Uri(address.ToString().TrimEnd('/') + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitHubApiStub;

/// <summary>
/// GitHub's REST API on 127.0.0.1 (a free port). Octokit pointed at <see cref="BaseUrl"/> talks to it as to
/// GitHub Enterprise (<c>/api/v3/…</c>). Tests arrange state in the stores, inject <see cref="Faults"/>, and
/// read <see cref="Requests"/>.
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

    public IssueStore Issues { get; } = new();

    public ActionsStore Actions { get; } = new();

    public FaultPlan Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public static async Task<GitHubStub> StartAsync()
    {
        var stub = new GitHubStub();
        (stub.app, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                await stub.Requests.RecordAsync(context.Request);
                if (stub.Faults.TryTake(context.Request.Method, context.Request.Path.Value ?? "") is { } fault)
                {
                    await fault.WriteAsync(context.Response);
                    return;
                }

                RateLimitHeaders.WritePlenty(context.Response);
                await next(context);
            });
            var api = app.MapGroup("/api/v3");
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

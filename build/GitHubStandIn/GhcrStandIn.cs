using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tooling.Networking;
using Yarp.ReverseProxy.Forwarder;

namespace GitHubStandIn;

/// <summary>
/// A registry that plays GHCR on loopback: a Kestrel front with GHCR's token flow (<see cref="GhcrTokenService"/>,
/// passwords are GITHUB_TOKENs issued on the API stand-in) and answers (<see cref="GhcrFront"/>) before a real
/// docker-registry process, whose manifests and the API's package versions stay one store (<see cref="GhcrPackageSync"/>).
/// docker treats 127.0.0.0/8 registries as plain HTTP, so <c>docker login</c>, <c>docker push</c>, cosign and the build's
/// registry client work against <see cref="Address"/> unchanged.
/// </summary>
public sealed class GhcrStandIn : IAsyncDisposable
{
    /// <summary>The service name in the challenge and token requests, as GHCR names itself.</summary>
    public const string Service = "ghcr.io";

    private readonly GitHubStub api;
    private readonly RegistryProcess registry;
    private GhcrPackageSync? packages;
    private GhcrForwarder? forwarder;
    private WebApplication? front;
    private int disposed;

    private GhcrStandIn(GitHubStub api, RegistryProcess registry)
    {
        this.api = api;
        this.registry = registry;
    }

    /// <summary>The front as an image reference starts and the build's <c>--registry</c> takes it: <c>127.0.0.1:port</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Every request the front answered (token service included), with the package permission checked and the outcome.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>
    /// Starts docker-registry (from PATH; Debian's package, see scripts/ci/setup-offline.sh) with its config, storage and
    /// logs in <paramref name="storageDirectory"/> (created if missing, left in place on dispose), then the front. Pushed
    /// manifests become versions in <paramref name="api"/>'s <see cref="GitHubStub.Packages"/>, and versions deleted
    /// through its API leave the registry. One registry per API stand-in.
    /// </summary>
    public static async Task<GhcrStandIn> StartAsync(GitHubStub api, string storageDirectory, CancellationToken cancellationToken = default)
    {
        if (api.Packages.AfterDelete is not null)
        {
            throw new InvalidOperationException("That API stand-in already has a registry following its packages; start one GhcrStandIn per GitHubStub.");
        }

        var standIn = new GhcrStandIn(api, RegistryProcess.In(storageDirectory));
        try
        {
            await standIn.StartRegistryAsync(cancellationToken);
            standIn.packages = new GhcrPackageSync(api.Packages, standIn.registry.Address);
            api.Packages.AfterDelete = standIn.packages.DeleteManifestAsync;
            await standIn.StartFrontAsync();
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    private async Task StartRegistryAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Deletes on: the API's deletions remove manifests; the front itself refuses DELETE as GHCR does.
            await registry.ServeAsync("docker-registry", $"127.0.0.1:{FreePort.Next()}", deletable: true);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                "docker-registry is not on PATH: install Debian's docker-registry package (scripts/ci/setup-offline.sh does).", exception);
        }

        await registry.WaitUntilAnsweringAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(20), cancellationToken);
    }

    private async Task StartFrontAsync()
    {
        var tokens = new GhcrTokenService(api.Tokens, Requests);
        (front, var address) = await LoopbackServer.StartAsync(app =>
        {
            forwarder = new GhcrForwarder(app.Services.GetRequiredService<IHttpForwarder>(), registry.Address);
            var handler = new GhcrFront(tokens, forwarder, packages!, Requests);
            app.MapGet("/token", tokens.IssueAsync);
            app.Map("/v2/{**path}", handler.HandleAsync);
        }, services => services.AddHttpForwarder());
        Address = address.Authority;
    }

    /// <summary>Stops the front and docker-registry (also when the start failed half-way); nothing is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (packages is not null && api.Packages.AfterDelete == packages.DeleteManifestAsync)
            {
                api.Packages.AfterDelete = null;
            }

            if (front is not null)
            {
                await front.StopAsync(CancellationToken.None);
                await front.DisposeAsync();
            }
        }
        finally
        {
            forwarder?.Dispose();
            packages?.Dispose();
            await registry.DisposeAsync();
        }
    }
}

using Tooling;

namespace Delivery.Rehearsal;

/// <summary>What every workflow of one rehearsal shares: the request, the repository, the tools, GitHub's stand-ins.</summary>
public sealed record RehearsalSession(
    RehearsalRequest Request,
    RehearsalRepository Repository,
    RehearsalTools Tools,
    Serilog.ILogger Logger,
    WorkflowHost Host,
    IGitHubServices GitHub,
    RunnerSettings Runner,
    AbsolutePath RunDirectory,
    CacheStore Cache,
    IReadOnlyList<IActionEquivalent> Actions,
    Action<string> AddSecret,
    RehearsalToolsMirror ToolsMirror)
{
    /// <summary>github.run_id's stem (a number, as GitHub's): milliseconds, so rehearsals back to back never share container names.</summary>
    /// <summary>The key pair jobs with id-token: write sign with (no OIDC provider here).</summary>
    public KeyedSigningStandIn Signing { get; } = new(Tools, RunDirectory / "signing");

    public string RunId { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// What plays GitHub's services for the jobs: the REST API (GITHUB_API_URL), the container registry, and the
/// tokens (one per job, with the job's scopes), refused where GitHub would refuse them.
/// </summary>
public interface IGitHubServices
{
    Uri ApiUrl { get; }

    Uri ServerUrl { get; }

    /// <summary>host:port of the registry that plays ghcr.io.</summary>
    string RegistryAddress { get; }

    /// <summary>A GITHUB_TOKEN for <paramref name="holder"/> (workflow/job, named in what the stand-ins refuse) with these scopes.</summary>
    string IssueToken(string holder, string repository, IReadOnlyDictionary<string, string> scopes);
}

/// <summary>
/// The runner stand-in: its image, the host's .NET SDK that setup-dotnet mounts, and variables this machine's
/// jobs need that GitHub's runners do not (base images from the lab instead of mcr.microsoft.com), each named.
/// </summary>
public sealed record RunnerSettings(string Image, string DotnetRoot, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> StandIns)
{
    public const string DefaultImage = "gateway-rehearsal/runner:ubuntu-24.04";

    /// <summary>The host engine's Unix socket, mounted into every job (RunnerContainer.DockerSocket of the build's environment).</summary>
    public string DockerSocket { get; init; } = "/var/run/docker.sock";

    /// <summary>Where the host's SDK appears in every job (read-only); on PATH only once setup-dotnet ran.</summary>
    public const string DotnetMount = "/opt/hostedtoolcache/dotnet-host";
}

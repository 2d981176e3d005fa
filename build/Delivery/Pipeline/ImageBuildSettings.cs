using Delivery.Docker;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>What every image build of a run shares: where the sources are, the build's parameters and the pinned bases.</summary>
/// <param name="Root">The repository: Dockerfile.multistage and the build context.</param>
/// <param name="TemporaryDirectory">Where throw-away archives go, and the kept ones under images/.</param>
/// <param name="Network">--build-network: the RUN steps' network, null for the engine's default.</param>
/// <param name="NoCache">--no-cache.</param>
/// <param name="CaBundle">--ca-bundle: an extra CA bundle for the restore, mounted as the ca-bundle build secret.</param>
/// <param name="Environment">The run's environment: GitHub's cache variables (GitHubActionsBuildCache) and NUGET_CERT_REVOCATION_MODE.</param>
/// <param name="BaseImages">--sdk-image and --runtime-image pinned by digest, once per run.</param>
public sealed record ImageBuildSettings(
    AbsolutePath Root,
    AbsolutePath TemporaryDirectory,
    string? Network,
    bool NoCache,
    string? CaBundle,
    IReadOnlyDictionary<string, string> Environment,
    Func<Task<BaseImages>> BaseImages);

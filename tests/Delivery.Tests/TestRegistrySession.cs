using Delivery.Registry;

namespace Delivery.Tests;

/// <summary>A logged-in session as the pushers see it: only the docker config directory they must pass on.</summary>
internal sealed class TestRegistrySession : IRegistrySession
{
    public const string DockerConfig = "/tmp/docker-config-test";

    public IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = DockerConfig };
}

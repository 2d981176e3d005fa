using CliWrap;

namespace Publish.Tests.Infrastructure;

/// <summary>The tests' own docker config directory, logged in to the test registry, so pulls and cosign verify never touch ~/.docker.</summary>
internal sealed class TestDockerConfig : IDisposable
{
    private TestDockerConfig(string directory) => Directory = directory;

    public string Directory { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Directory };

    public static async Task<TestDockerConfig> LoginAsync(AuthenticatedRegistry registry)
    {
        var config = new TestDockerConfig(System.IO.Directory.CreateTempSubdirectory("publish-tests-docker-").FullName);
        await Tool.RunCheckedAsync("docker", ["login", registry.Address, "--username", registry.Username, "--password-stdin"],
            environment: config.Environment, standardInput: PipeSource.FromString(registry.Password));
        return config;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

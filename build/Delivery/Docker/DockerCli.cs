using System.Text.Json;
using BuildEngine;

namespace Delivery.Docker;

/// <summary>
/// The docker CLI as the build uses it, through the engine's <see cref="ToolRunner"/>: is an engine there,
/// is buildx there, what did a build produce.
/// </summary>
public sealed class DockerCli(ToolRunner tools)
{
    public const string InstallHint =
        "Install the Docker CLI (https://docs.docker.com/engine/install/), or on an offline Debian machine run scripts/ci/setup-offline.sh.";

    /// <summary>Fails, saying how to start one, when no Docker engine answers.</summary>
    public async Task<string> EnsureEngineAsync()
    {
        var result = await tools.RunAsync("docker", ["version", "--format", "{{.Server.Version}}"], Quiet());
        if (!result.Succeeded)
        {
            var reason = result.StandardErrorLines.LastOrDefault(line => line.Trim().Length > 0) ?? $"exit code {result.ExitCode}";
            throw new BuildFailedException(
                $"No Docker engine is reachable ({reason.Trim()}). Start one: Docker Desktop, `sudo systemctl start docker`, " +
                "or on this project's offline machines `scripts/ci/setup-offline.sh`; with a remote engine set DOCKER_HOST. " +
                "See docs/troubleshooting.md#no-docker-engine.");
        }

        return result.StandardOutput.Trim();
    }

    /// <summary>True when the buildx plugin is installed (it then builds; otherwise plain docker build with BuildKit).</summary>
    public async Task<bool> HasBuildxAsync() => (await tools.RunAsync("docker", ["buildx", "version"], Quiet())).Succeeded;

    /// <summary>The engine's own platform (<c>linux/amd64</c>): what it builds and runs without emulation.</summary>
    public async Task<string> EnginePlatformAsync()
    {
        var result = await tools.RunAsync("docker", ["version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"], Quiet() with { ThrowOnFailure = true });
        return result.StandardOutput.Trim();
    }

    /// <summary>The current buildx builder's <c>docker buildx inspect</c> output lines.</summary>
    public async Task<IReadOnlyList<string>> InspectBuilderAsync() =>
        (await tools.RunAsync("docker", ["buildx", "inspect"], Quiet() with { ThrowOnFailure = true })).StandardOutputLines;

    public async Task<ImageDetails> InspectAsync(string image)
    {
        var result = await tools.RunAsync("docker", ["image", "inspect", "--format", "{{json .}}", image], Quiet() with { ThrowOnFailure = true });
        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        return new ImageDetails(root.GetProperty("Id").GetString()!, root.GetProperty("Size").GetInt64(),
            root.GetProperty("Architecture").GetString()!, root.GetProperty("Os").GetString()!,
            root.GetProperty("RootFS").TryGetProperty("Layers", out var layers) ? layers.GetArrayLength() : 0);
    }

    /// <summary><c>docker save --output</c>: the image as a tar archive on disk (the CLI writes binary output a line reader would mangle).</summary>
    public Task SaveAsync(string image, string archivePath) =>
        tools.RunAsync("docker", ["save", "--output", archivePath, image], Quiet() with { ThrowOnFailure = true });

    public Task<ToolResult> RunAsync(IEnumerable<string> arguments, ToolOptions? options = null) =>
        tools.RunAsync("docker", arguments, (options ?? new ToolOptions()) with { InstallHint = InstallHint });

    private static ToolOptions Quiet() => new() { LogOutput = false, ThrowOnFailure = false, InstallHint = InstallHint };
}

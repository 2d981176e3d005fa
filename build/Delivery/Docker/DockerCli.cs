using System.Text.Json;
using Tooling;

namespace Delivery.Docker;

/// <summary>
/// The docker CLI as the build uses it, over the docker <see cref="Tool"/>: is an engine there,
/// is buildx there, what did a build produce.
/// </summary>
public sealed class DockerCli(Tool docker)
{
    /// <summary>What makes a builder load OCI images with rewritten times: the engine's containerd store, or a BuildKit builder.</summary>
    public const string ContainerdImageStoreHint =
        "Enable the containerd image store (Docker Desktop: Settings > General; dockerd: \"features\": {\"containerd-snapshotter\": true}) " +
        "or use a BuildKit builder: `docker buildx create --use` (docs/docker.md#reproducible-images).";

    private Task<bool>? usesContainerdImageStore;

    public const string InstallHint =
        "Install the Docker CLI (https://docs.docker.com/engine/install/), or on an offline Debian machine run scripts/ci/setup-offline.sh.";

    /// <summary>Fails, saying how to start one, when no Docker engine answers.</summary>
    public async Task<string> EnsureEngineAsync()
    {
        var result = await docker(["version", "--format", "{{.Server.Version}}"], Quiet());
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
    public async Task<bool> HasBuildxAsync() => (await docker(["buildx", "version"], Quiet())).Succeeded;

    /// <summary>The engine's own platform (<c>linux/amd64</c>): what it builds and runs without emulation.</summary>
    public async Task<string> EnginePlatformAsync()
    {
        var result = await docker(["version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"], Quiet() with { ThrowOnFailure = true });
        return result.StandardOutput.Trim();
    }

    /// <summary>The current buildx builder's <c>docker buildx inspect</c> output lines.</summary>
    public async Task<IReadOnlyList<string>> InspectBuilderAsync() =>
        (await docker(["buildx", "inspect"], Quiet() with { ThrowOnFailure = true })).StandardOutputLines;

    /// <summary>
    /// True when the engine keeps images in containerd's store (Docker 26 with the containerd snapshotter, the offline lab;
    /// Docker Desktop's default for new installs): images are then stored as pushed (OCI, compressed layers). Asked once
    /// per instance (the build keeps one per run).
    /// </summary>
    public Task<bool> UsesContainerdImageStoreAsync() => usesContainerdImageStore ??= AskImageStoreAsync();

    private async Task<bool> AskImageStoreAsync()
    {
        var result = await docker(["info", "--format", "{{json .DriverStatus}}"], Quiet() with { ThrowOnFailure = true });
        return result.StandardOutput.Contains("io.containerd.snapshotter", StringComparison.Ordinal);
    }

    /// <summary>
    /// The image as the engine knows it. <see cref="ImageDetails.Size"/> is the unpacked size: the classic store's
    /// <c>.Size</c>; on the containerd store <c>.Size</c> counts the compressed content instead, so there it is the sum
    /// of the layers' unpacked sizes that <c>docker history</c> reports (disk blocks of each snapshot).
    /// </summary>
    public async Task<ImageDetails> InspectAsync(string image)
    {
        var result = await docker(["image", "inspect", "--format", "{{json .}}", image], Quiet() with { ThrowOnFailure = true });
        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        var size = await UsesContainerdImageStoreAsync() ? await UnpackedLayerBytesAsync(image) : root.GetProperty("Size").GetInt64();
        return new ImageDetails(root.GetProperty("Id").GetString()!, size,
            root.GetProperty("Architecture").GetString()!, root.GetProperty("Os").GetString()!,
            root.GetProperty("RootFS").TryGetProperty("Layers", out var layers) ? layers.GetArrayLength() : 0,
            root.TryGetProperty("Config", out var config) && config.TryGetProperty("Env", out var environment) && environment.ValueKind == JsonValueKind.Array
                ? [.. environment.EnumerateArray().Select(entry => entry.GetString()!)]
                : []);
    }

    private async Task<long> UnpackedLayerBytesAsync(string image)
    {
        var history = await docker(["image", "history", "--human=false", "--no-trunc", "--format", "{{.Size}}", image],
            Quiet() with { ThrowOnFailure = true });
        return history.StandardOutputLines.Where(line => line.Trim().Length > 0)
            .Sum(line => long.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><c>docker load --input</c> of an image archive (docker save's or an OCI layout, as buildx --output type=oci writes).</summary>
    public Task LoadAsync(string archivePath) =>
        docker(["load", "--quiet", "--input", archivePath], Quiet() with { ThrowOnFailure = true });

    /// <summary><c>docker save --output</c>: the image as a tar archive on disk (the CLI writes binary output a line reader would mangle).</summary>
    public Task SaveAsync(string image, string archivePath) =>
        docker(["save", "--output", archivePath, image], Quiet() with { ThrowOnFailure = true });

    public Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, ToolOptions? options = null) =>
        docker(arguments, (options ?? new ToolOptions()) with { InstallHint = InstallHint });

    private static ToolOptions Quiet() => new() { LogOutput = false, ThrowOnFailure = false, InstallHint = InstallHint };
}

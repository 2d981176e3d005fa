namespace Image.Tests.Infrastructure;

/// <summary>
/// The repository's docker-compose.yml with the host-network override (docker-compose.host.yml: the engine here has
/// no bridge network) as a uniquely named project; <c>down -v</c> on dispose, whatever happened.
/// </summary>
public sealed class ComposeProject(IReadOnlyDictionary<string, string?> variables) : IAsyncDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(120);

    private string? emulationOverride;

    public string Name { get; } = $"image-test-{Guid.NewGuid():N}"[..24];

    /// <summary><c>up --wait</c>: returns once every service is healthy, fails with the services' logs otherwise.</summary>
    public async Task UpAsync()
    {
        // Under qemu (an image of another architecture, Emulation): both services get its environment and start-up time.
        var emulated = variables.GetValueOrDefault("GATEWAY_IMAGE") is { } image && await Emulation.IsEmulatedAsync(image);
        if (emulated)
        {
            emulationOverride = Path.Combine(Path.GetTempPath(), $"{Name}.emulated.yml");
            await File.WriteAllTextAsync(emulationOverride, Emulation.ComposeOverride(["echo", "gateway"]));
        }

        var timeout = Emulation.Scale(UpTimeout, emulated);
        string[] up = ["up", "--wait", "--wait-timeout", ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var result = await RunAsync(up, timeout + TimeSpan.FromSeconds(30));
        if (!result.IsSuccess)
        {
            var logs = await RunAsync(["logs", "--no-color", "--tail", "50"], TimeSpan.FromSeconds(30));
            Assert.Fail($"docker compose up --wait exited {result.ExitCode}: {result.StandardError.Trim()}{Environment.NewLine}{logs.StandardOutput}");
        }
    }

    /// <summary>The id of the (single) container of <paramref name="service"/>.</summary>
    public async Task<string> ContainerIdAsync(string service)
    {
        var result = await RunAsync(["ps", "--quiet", service], TimeSpan.FromSeconds(30));
        Assert.That(result.StandardOutput.Trim(), Is.Not.Empty, $"No container for service {service}: {result.StandardError.Trim()}");
        return result.StandardOutput.Trim();
    }

    /// <summary><c>down</c> without <c>--timeout</c>: each service gets its own <c>stop_grace_period</c>, as for a user.</summary>
    public async Task DownAsync(TimeSpan timeout)
    {
        var result = await RunAsync(["down"], timeout);
        Assert.That(result.IsSuccess, Is.True, $"docker compose down exited {result.ExitCode}: {result.StandardError.Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(["down", "--volumes", "--remove-orphans", "--timeout", "10"], TimeSpan.FromSeconds(60));
        if (emulationOverride is not null)
        {
            File.Delete(emulationOverride);
        }
    }

    private Task<CliWrap.Buffered.BufferedCommandResult> RunAsync(IReadOnlyList<string> command, TimeSpan timeout) =>
        DockerCli.RunAsync(
            [
                "compose",
                "--file", RepositoryRoot.File("docker-compose.yml"),
                "--file", RepositoryRoot.File("docker-compose.host.yml"),
                .. emulationOverride is null ? Array.Empty<string>() : ["--file", emulationOverride],
                "--project-name", Name,
                .. command,
            ],
            variables, RepositoryRoot.Path, timeout);
}

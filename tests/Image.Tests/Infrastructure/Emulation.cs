namespace Image.Tests.Infrastructure;

/// <summary>
/// An image of another architecture than the engine's runs under qemu (the rehearsal's linux/arm64 leg on an x64
/// machine, docs/rehearsal.md). .NET starts many times slower there, so waits and the HEALTHCHECK's own timeout get
/// room; what is checked (the check's command, its verdict, the answers) stays the same.
/// </summary>
public static class Emulation
{
    private const int Slowdown = 6;

    private static readonly Lazy<Task<string>> EngineArchitecture = new(() => DockerCli.RunCheckedAsync(["version", "--format", "{{.Server.Arch}}"]));

    public static async Task<bool> IsEmulatedAsync(string image) =>
        (await DockerCli.InspectAsync(image, "{{.Architecture}}")).Trim() != (await EngineArchitecture.Value).Trim();

    /// <summary>docker run options that keep the image's HEALTHCHECK command but give each check qemu's start-up time.</summary>
    public static IReadOnlyList<string> HealthCheckRoom { get; } = ["--health-timeout", "60s", "--health-start-period", "120s"];

    /// <summary>
    /// The gateway's upstream connect timeout (5 s by default) also covers its first connection's JIT, which under qemu
    /// can take longer: a 502 that only emulation causes. Routing, the thing checked, is unchanged.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["Gateway__UpstreamConnectTimeout"] = "00:01:00" };

    public static TimeSpan Scale(TimeSpan timeout, bool emulated) => emulated ? timeout * Slowdown : timeout;
}

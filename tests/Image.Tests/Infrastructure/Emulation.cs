namespace Image.Tests.Infrastructure;

/// <summary>
/// An image of another architecture than the engine's runs under qemu (the rehearsal's linux/arm64 leg on an x64
/// machine, docs/rehearsal.md). Two things differ there, and only there:
/// <list type="bullet">
/// <item>.NET's W^X double mapping writes JIT code through one mapping and runs it through another; qemu-user does not
/// see such writes and runs stale translated code (random NullReference/InvalidCast inside the runtime, seen as 500s
/// and 502s under load). Microsoft's answer for emulators is <c>DOTNET_EnableWriteXorExecute=0</c>
/// (dotnet/runtime#94909, #102226), so the tests set it for emulated containers.</item>
/// <item>.NET starts many times slower, so waits and the HEALTHCHECK's own timeout get room.</item>
/// </list>
/// What is checked (the check's command, its verdict, the answers) stays the same.
/// </summary>
public static class Emulation
{
    private const int Slowdown = 6;

    private static readonly Lazy<Task<string>> EngineArchitecture = new(() => DockerCli.RunCheckedAsync(["version", "--format", "{{.Server.Arch}}"]));

    public static async Task<bool> IsEmulatedAsync(string image) =>
        (await DockerCli.InspectAsync(image, "{{.Architecture}}")).Trim() != (await EngineArchitecture.Value).Trim();

    /// <summary>Each HEALTHCHECK run gets qemu's start-up time: its timeout and the start period.</summary>
    public static TimeSpan HealthCheckTimeout { get; } = TimeSpan.FromSeconds(60);

    public static TimeSpan HealthCheckStartPeriod { get; } = TimeSpan.FromSeconds(120);

    /// <summary>docker run options that keep the image's HEALTHCHECK command but give each check qemu's start-up time.</summary>
    public static IReadOnlyList<string> HealthCheckRoom { get; } =
        ["--health-timeout", Seconds(HealthCheckTimeout), "--health-start-period", Seconds(HealthCheckStartPeriod)];

    /// <summary>The environment every emulated .NET container gets (see the class summary).</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" };

    /// <summary>A compose override with <see cref="HealthCheckRoom"/> and <see cref="Environment"/> for <paramref name="services"/>.</summary>
    public static string ComposeOverride(IEnumerable<string> services)
    {
        var environment = string.Join(", ", Environment.Select(variable => $"{variable.Key}: \"{variable.Value}\""));
        var lines = services.Select(service =>
            $"  {service}:\n" +
            $"    healthcheck: {{ timeout: {Seconds(HealthCheckTimeout)}, start_period: {Seconds(HealthCheckStartPeriod)} }}\n" +
            $"    environment: {{ {environment} }}\n");
        return "services:\n" + string.Concat(lines);
    }

    public static TimeSpan Scale(TimeSpan timeout, bool emulated) => emulated ? timeout * Slowdown : timeout;

    private static string Seconds(TimeSpan span) => $"{(int)span.TotalSeconds}s";
}

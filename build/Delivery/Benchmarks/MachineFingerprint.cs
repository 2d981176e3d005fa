using System.Globalization;
using System.Text.RegularExpressions;

namespace Delivery.Benchmarks;

/// <summary>
/// The machine a benchmark ran on. Figures from two machines are not comparable: <see cref="Differences"/> names
/// what differs, and the build refuses to compare when anything does.
/// </summary>
public sealed partial record MachineFingerprint(string CpuModel, int CpuCount, long MemoryBytes, string Kernel, string DockerVersion)
{
    /// <summary>From the text of /proc/cpuinfo and /proc/meminfo, `uname -r` and the Docker engine's version.</summary>
    public static MachineFingerprint Parse(string cpuInfo, string memInfo, string kernel, string dockerVersion)
    {
        var models = cpuInfo.Split('\n')
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .ToList();
        var processors = cpuInfo.Split('\n').Count(line => line.StartsWith("processor", StringComparison.Ordinal));
        var memory = MemTotal().Match(memInfo);
        return new MachineFingerprint(
            models.FirstOrDefault() ?? "unknown",
            processors > 0 ? processors : Environment.ProcessorCount,
            memory.Success ? long.Parse(memory.Groups["kb"].Value, CultureInfo.InvariantCulture) * 1024 : 0,
            kernel.Trim(),
            dockerVersion.Trim());
    }

    /// <summary>
    /// What differs from <paramref name="other"/>, one line each; empty when the machines are alike. Memory counts
    /// as the same within 2% (the kernel's MemTotal moves a little between boots).
    /// </summary>
    public IReadOnlyList<string> Differences(MachineFingerprint other)
    {
        var differences = new List<string>();
        if (!string.Equals(CpuModel, other.CpuModel, StringComparison.Ordinal))
        {
            differences.Add($"CPU model: {other.CpuModel} vs {CpuModel}");
        }

        if (CpuCount != other.CpuCount)
        {
            differences.Add($"CPU count: {other.CpuCount} vs {CpuCount}");
        }

        if (Math.Abs(MemoryBytes - other.MemoryBytes) > Math.Max(MemoryBytes, other.MemoryBytes) * 0.02)
        {
            differences.Add($"memory: {other.MemoryBytes / 1048576} MiB vs {MemoryBytes / 1048576} MiB");
        }

        if (!string.Equals(Kernel, other.Kernel, StringComparison.Ordinal))
        {
            differences.Add($"kernel: {other.Kernel} vs {Kernel}");
        }

        if (!string.Equals(DockerVersion, other.DockerVersion, StringComparison.Ordinal))
        {
            differences.Add($"Docker engine: {other.DockerVersion} vs {DockerVersion}");
        }

        return differences;
    }

    [GeneratedRegex(@"^MemTotal:\s+(?<kb>\d+)\s*kB", RegexOptions.Multiline)]
    private static partial Regex MemTotal();
}

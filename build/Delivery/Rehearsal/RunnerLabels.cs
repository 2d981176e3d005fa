namespace Delivery.Rehearsal;

/// <summary>
/// GitHub-hosted runner labels the rehearsal can stand in for, all played by the one x64 runner image: an arm64
/// label runs on it too (no arm64 machine here), its linux/arm64 images built and run under qemu emulation.
/// </summary>
public static class RunnerLabels
{
    public static (string Arch, string? StandIn)? Resolve(string label) => label switch
    {
        "ubuntu-latest" or "ubuntu-24.04" => ("X64", null),
        "ubuntu-24.04-arm" or "ubuntu-latest-arm" => ("ARM64",
            $"runs-on {label}: no arm64 runner here; the x64 runner stand-in runs the job (runner.arch says ARM64 as on GitHub), and its linux/arm64 image is built and run under qemu"),
        _ => null,
    };
}

using BuildEngine;

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// An installer action (cosign-installer, …) done with this machine's copy of the tool instead of a download:
/// copied into the job's tool folder and put on PATH, so only the jobs that install it have it.
/// </summary>
public abstract class HostToolInstaller(string action, string tool, string downloads) : IActionEquivalent
{
    public string Action => action;

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        if (ToolResolver.TryResolve(tool) is not { } path)
        {
            return ActionOutcome.Failed($"{tool} is not on this machine, so {action} has nothing to install: run scripts/ci/setup-offline.sh.");
        }

        var folder = step.Job.Paths.Tools / tool;
        Directory.CreateDirectory(folder);
        File.Copy(path, folder / tool, overwrite: true);
        FileModes.Executable(folder / tool);
        step.Job.AddPath(folder);
        var version = await step.Job.ShellAsync($"'{folder / tool}' version 2>&1 | grep -m1 -i version || true");
        return ActionOutcome.Done($"{tool} from this machine ({version.StandardOutput.Trim()}) instead of the release {action} downloads ({downloads})");
    }
}

/// <summary>sigstore/cosign-installer with the lab's cosign.</summary>
public sealed class CosignInstaller() : HostToolInstaller("sigstore/cosign-installer", "cosign", "from GitHub releases");

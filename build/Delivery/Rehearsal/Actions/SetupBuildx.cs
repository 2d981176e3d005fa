namespace Delivery.Rehearsal.Actions;

/// <summary>
/// docker/setup-buildx-action: the action creates a docker-container builder from moby/buildkit, an image nothing
/// here can pull; the equivalent checks buildx and the engine from the runner and uses the engine's own BuildKit
/// (the docker driver).
/// </summary>
public sealed class SetupBuildx : IActionEquivalent
{
    public string Action => "docker/setup-buildx-action";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var result = await step.Job.ShellAsync("docker buildx version && docker buildx inspect --bootstrap", logOutput: true);
        if (!result.Succeeded)
        {
            return ActionOutcome.Failed("docker buildx does not answer in the runner: is the Docker engine running and the runner image built (scripts/ci/setup-offline.sh)?");
        }

        var platforms = result.StandardOutputLines.FirstOrDefault(line => line.TrimStart().StartsWith("Platforms:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        step.Outputs["name"] = "default";
        step.Outputs["driver"] = "docker";
        step.Outputs["platforms"] = platforms;
        return ActionOutcome.Done("the engine's built-in BuildKit (docker driver) instead of a docker-container builder (moby/buildkit cannot be pulled here)");
    }
}

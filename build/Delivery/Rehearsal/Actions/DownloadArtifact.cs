namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/download-artifact (v4+): by name, or every artifact whose name matches pattern (each into a folder of
/// its name, or all into path with merge-multiple), from this workflow run's artifact store.
/// </summary>
public sealed class DownloadArtifact : IActionEquivalent
{
    public string Action => "actions/download-artifact";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var store = job.Run.Artifacts;
        var path = job.ResolvePath(step.Input("path", "."));
        // The folder and its parents as the runner makes them (the action runs as the runner user).
        await job.ShellAsync($"mkdir -p '{path}'");
        var name = step.Input("name");
        if (name.Length > 0)
        {
            if (!store.Exists(name))
            {
                return ActionOutcome.Failed($"Unable to download artifact(s): Artifact not found for name: {name}");
            }

            store.Download(name, path);
        }
        else
        {
            var pattern = step.Input("pattern", "*");
            var names = store.Names.Where(candidate => TriggerFilter.IsMatch(pattern, candidate)).ToList();
            var merge = step.Flag("merge-multiple", false);
            foreach (var artifact in names)
            {
                store.Download(artifact, merge ? path : Path.Combine(path, artifact));
            }

        }

        await job.GiveToRunnerAsync(path);
        step.Outputs["download-path"] = path;
        return ActionOutcome.Done("from the rehearsal's artifact store of this run");
    }
}

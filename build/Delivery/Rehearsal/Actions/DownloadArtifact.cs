namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/download-artifact (v4+): by name, or every artifact whose name matches pattern (each into a folder of
/// its name, or all into path with merge-multiple), from this workflow run's artifact store.
/// </summary>
public sealed class DownloadArtifact : IActionEquivalent
{
    public string Action => "actions/download-artifact";

    public Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var store = job.Run.Artifacts;
        var path = job.ResolvePath(step.Input("path", "."));
        var name = step.Input("name");
        if (name.Length > 0)
        {
            if (!store.Exists(name))
            {
                return Task.FromResult(ActionOutcome.Failed($"Unable to download artifact(s): Artifact not found for name: {name}"));
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

            if (names.Count == 0)
            {
                Directory.CreateDirectory(path);
            }
        }

        step.Outputs["download-path"] = path;
        return Task.FromResult(ActionOutcome.Done("from the rehearsal's artifact store of this run"));
    }
}

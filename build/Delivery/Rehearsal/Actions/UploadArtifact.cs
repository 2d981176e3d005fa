namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/upload-artifact (v4+): the files the path globs match, stored relative to their least common search
/// root under the run's artifact store; a name used twice in a run fails (409); if-no-files-found warn|error|ignore.
/// </summary>
public sealed class UploadArtifact : IActionEquivalent
{
    public string Action => "actions/upload-artifact";

    public Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var name = step.Input("name", "artifact");
        var patterns = step.Lines("path");
        var files = WorkspaceGlob.Match(patterns, job.ResolvePath);
        if (files.Count == 0)
        {
            var message = $"No files were found with the provided path: {string.Join(", ", patterns)}. No artifacts will be uploaded.";
            return Task.FromResult(step.Input("if-no-files-found", "warn") == "error" ? ActionOutcome.Failed(message) : ActionOutcome.Done(message));
        }

        var roots = patterns.Where(pattern => !pattern.StartsWith('!')).Select(pattern => WorkspaceGlob.SearchPath(job.ResolvePath(pattern)))
            .Select(root => File.Exists(root) ? Path.GetDirectoryName(root)! : root).ToList();
        var root = roots.Aggregate(CommonAncestor);
        var count = job.Run.Artifacts.Upload(name, root, files);
        step.Outputs["artifact-id"] = name;
        step.Outputs["artifact-url"] = $"{job.Run.Rehearsal.GitHub.ServerUrl}{job.Run.Rehearsal.Repository.FullName}/actions/runs/{job.Run.RunId}/artifacts/{name}";
        return Task.FromResult(ActionOutcome.Done($"{count} file(s) kept in the rehearsal's artifact store instead of GitHub's"));
    }

    private static string CommonAncestor(string left, string right)
    {
        var a = left.Split('/');
        var b = right.Split('/');
        var common = a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Count();
        return string.Join('/', a.Take(common));
    }
}

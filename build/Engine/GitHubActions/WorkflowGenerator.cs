using System.Reflection;
using Tooling;

namespace BuildEngine;

/// <summary>
/// Produces every workflow file the build declares (<c>.github/workflows/&lt;name&gt;.yml</c>) and keeps the
/// committed copies current: written on local runs and with --generate-workflows, compared by --check-workflows.
/// </summary>
internal static class WorkflowGenerator
{
    /// <summary>Every workflow, and the action pins file when the catalog has one (its pins resolved against the committed workflows).</summary>
    public static IReadOnlyList<GeneratedFile> Generate(BuildBase build, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters,
        AbsolutePath root)
    {
        var catalog = build.WorkflowCatalog;
        var pinFile = ActionPinFile.Resolve(catalog, root);
        var type = build.GetType();
        var jobs = type.GetCustomAttributes<GitHubActionsJobAttribute>().ToList();
        var workflows = type.GetCustomAttributes<GitHubActionsWorkflowAttribute>().ToList();
        if (jobs.FirstOrDefault(job => workflows.All(workflow => workflow.Name != job.Workflow)) is { } orphan)
        {
            throw new BuildDefinitionException($"Job '{orphan.Id}' belongs to workflow '{orphan.Workflow}', which the build does not declare.");
        }

        List<GeneratedFile> files = [.. workflows.Select(workflow =>
        {
            var plans = WorkflowPlanner.Plan(targets, workflow, jobs.Where(job => job.Workflow == workflow.Name));
            PullRequestScopes.Check(workflow, plans);
            return new GeneratedFile($".github/workflows/{workflow.Name}.yml", WorkflowYaml.Render(workflow, WorkflowFiles.Resolve(build, workflow), plans, catalog, parameters));
        })];
        return pinFile is null ? files : [.. files, pinFile];
    }

    /// <summary>Writes the files that differ; returns their paths.</summary>
    public static IReadOnlyList<string> Write(AbsolutePath root, IEnumerable<GeneratedFile> files) =>
        [.. Stale(root, files).Select(file =>
        {
            var path = root / file.RelativePath;
            Directory.CreateDirectory(path.Parent);
            File.WriteAllText(path, file.Content);
            return file.RelativePath;
        })];

    /// <summary>The files whose committed copy is missing or differs from what the build generates.</summary>
    public static IEnumerable<GeneratedFile> Stale(AbsolutePath root, IEnumerable<GeneratedFile> files) =>
        files.Where(file => !(root / file.RelativePath).FileExists() || File.ReadAllText(root / file.RelativePath) != file.Content);
}

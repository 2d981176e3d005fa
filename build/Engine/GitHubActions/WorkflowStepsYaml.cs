using BuildEngine.Yaml;

namespace BuildEngine;

/// <summary>A job's steps: checkout and set-up, artifact downloads, the build step, uploads and SARIF.</summary>
internal static class WorkflowStepsYaml
{
    private const string NotForTags = "${{ !startsWith(github.ref, 'refs/tags/') }}";

    // Even after a failure, but not for pull requests from forks: their token cannot write security events.
    private const string SameRepository =
        "always() && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)";

    public static List<YamlNode> Render(GitHubActionsWorkflowAttribute workflow, WorkflowFiles files, JobPlan job, GitHubActionsCatalog catalog, IReadOnlyList<ParameterMember> parameters)
    {
        var steps = new List<YamlNode>
        {
            Uses(catalog, "actions/checkout", "Check out", new YamlMapping()
                .Add("persist-credentials", false)
                .Add("fetch-depth", workflow.FetchDepth)),
            Uses(catalog, "actions/setup-dotnet", "Set up .NET", new YamlMapping().Add("global-json-file", "global.json")),
            // Release (tag) runs build from a clean state: a poisoned cache must never reach a published image.
            Uses(catalog, "actions/cache", "Cache NuGet packages", new YamlMapping()
                .Add("path", "~/.nuget/packages")
                .Add("key", $"nuget-${{{{ runner.os }}}}-${{{{ runner.arch }}}}-${{{{ hashFiles({string.Join(", ", workflow.CacheKeyFiles.Select(file => $"'{file}'"))}) }}}}")
                .Add("restore-keys", "nuget-${{ runner.os }}-${{ runner.arch }}-"), condition: NotForTags),
        };

        foreach (var tool in job.Runs.SelectMany(target => target.Tools).Distinct())
        {
            steps.AddRange(catalog.SetupOf(tool).Select(setup => setup.Action is null
                ? new YamlMapping().Add("name", setup.Name).Add("if", setup.NotOnTags ? NotForTags : null).Add("run", setup.Run)
                : Uses(catalog, setup.Action, setup.Name,
                    setup.With is null ? null : setup.With.Aggregate(new YamlMapping(), (with, pair) => with.Add(pair.Key, pair.Value)),
                    condition: setup.NotOnTags ? NotForTags : null)));
        }

        foreach (var (from, target) in job.Downloads)
        {
            var with = new YamlMapping();
            if (from.IsMatrix)
            {
                with.Add("pattern", $"{from.Id}-{target.Name}-*").Add("merge-multiple", true);
            }
            else
            {
                with.Add("name", from.ArtifactName(target));
            }

            // Back where the target wrote them: upload-artifact stored them relative to this folder.
            var root = ArtifactPaths.Root(target.ProducedGlobs);
            with.Add("path", root.Length > 0 ? root : null);

            steps.Add(Uses(catalog, "actions/download-artifact", $"Download {target.Name} from {from.Id}", with));
        }

        if (job.IsFinal && files.EveryJobUploads.Count > 0)
        {
            // By pattern, each artefact into a folder of its name, so the jobs' (and legs') same-named files stay apart;
            // a pattern that matches nothing (a job that never started) is no error, where a missing name would be. A
            // download that fails all the same only costs detail: the final target still gets every job's result.
            foreach (var needed in job.Needs)
            {
                steps.Add(Uses(catalog, "actions/download-artifact", $"Download the build's own files from {needed.Id}", new YamlMapping()
                        .Add("pattern", needed.BuildFilesArtifactPattern)
                        .Add("path", files.FinalJobDownloads))
                    .Add("continue-on-error", true));
            }
        }

        steps.Add(new YamlMapping()
            .Add("name", $"./build.sh {string.Join(' ', job.Invoked.Select(target => target.Name))}")
            .Add("id", JobPlan.BuildStepId)
            .Add("run", BuildCommand(job))
            .Add("env", BuildStepEnvironment.Render(workflow, job, parameters)));

        foreach (var target in job.Runs.Where(target => target.ProducedGlobs.Count > 0))
        {
            steps.Add(Uses(catalog, "actions/upload-artifact", $"Upload {target.Name} files", new YamlMapping()
                .Add("name", job.ArtifactName(target))
                .Add("path", string.Join('\n', target.ProducedGlobs))
                .Add("if-no-files-found", "ignore"), condition: "always()"));

            // The file itself when named (a folder would upload every SARIF file in it under this category).
            foreach (var sarif in target.ProducedGlobs.Where(glob => glob.EndsWith(".sarif", StringComparison.Ordinal)))
            {
                steps.Add(Uses(catalog, "github/codeql-action/upload-sarif", $"Upload {target.Name} SARIF", new YamlMapping()
                    .Add("sarif_file", ArtifactPaths.SearchPath(sarif))
                    .Add("category", job.IsMatrix ? $"{target.Name}-${{{{ matrix.slug }}}}" : target.Name), condition: SameRepository));
            }
        }

        if (files.EveryJobUploads.Count > 0)
        {
            steps.Add(Uses(catalog, "actions/upload-artifact", "Upload the build's own files", new YamlMapping()
                .Add("name", job.BuildFilesArtifactName)
                .Add("path", string.Join('\n', files.EveryJobUploads))
                .Add("if-no-files-found", "ignore"), condition: "always()"));
        }

        return steps;
    }

    private static string BuildCommand(JobPlan job)
    {
        var command = "./build.sh " + string.Join(' ', job.Invoked.Select(target => target.Name));
        if (job.Skipped.Count > 0)
        {
            command += " --skip " + string.Join(' ', job.Skipped.Select(target => target.Name));
        }

        return job.Job.Arguments.Length > 0 ? command + " " + string.Join(' ', job.Job.Arguments) : command;
    }

    private static YamlMapping Uses(GitHubActionsCatalog catalog, string action, string name, YamlMapping? with, string? condition = null)
    {
        var pin = catalog.Action(action);
        return new YamlMapping()
            .Add("name", name)
            .Add("if", condition)
            .Add("uses", pin.Reference, pin.Version)
            .Add("with", with);
    }
}

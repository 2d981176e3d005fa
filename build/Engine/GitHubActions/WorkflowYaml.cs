using BuildEngine.Yaml;

namespace BuildEngine;

/// <summary>Turns a workflow declaration and its job plans into the workflow file's YAML.</summary>
internal static class WorkflowYaml
{
    public const string Header =
        "Generated from the Build class (build/Build/Build*.cs) by ./build.sh --generate-workflows. Do not edit:\n" +
        "change the build's [GitHubActionsWorkflow]/[GitHubActionsJob] attributes or targets and regenerate.";

    private const string NotForTags = "${{ !startsWith(github.ref, 'refs/tags/') }}";

    // Even after a failure, but not for pull requests from forks: their token cannot write security events.
    private const string SameRepository =
        "always() && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)";

    public static string Render(GitHubActionsWorkflowAttribute workflow, WorkflowFiles files, IReadOnlyList<JobPlan> jobs, GitHubActionsCatalog catalog,
        IReadOnlyList<ParameterMember> parameters)
    {
        CheckSecretsAreRead(workflow, jobs, parameters);
        var document = new YamlMapping()
            .Add("name", workflow.DisplayName ?? workflow.Name)
            .Add("on", Triggers(workflow, jobs, parameters))
            .Add("permissions", new YamlMapping().Add("contents", "read"))
            .Add("concurrency", Concurrency(workflow))
            .Add("env", new YamlMapping().Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Add("DOTNET_NOLOGO", "1"));
        var jobMap = new YamlMapping();
        foreach (var job in jobs)
        {
            jobMap.Add(job.Id, Job(workflow, files, job, catalog, parameters));
        }

        document.Add("jobs", jobMap);
        return YamlWriter.Write(document, Header);
    }

    private static YamlMapping Triggers(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs, IReadOnlyList<ParameterMember> parameters)
    {
        var on = new YamlMapping();
        if (workflow.OnPushBranches.Length + workflow.OnPushTags.Length > 0)
        {
            var push = new YamlMapping();
            if (workflow.OnPushBranches.Length > 0)
            {
                push.Add("branches", workflow.OnPushBranches);
            }

            if (workflow.OnPushTags.Length > 0)
            {
                push.Add("tags", workflow.OnPushTags);
            }

            on.Add("push", push);
        }

        if (workflow.OnPullRequestBranches.Length > 0)
        {
            on.Add("pull_request", new YamlMapping().Add("branches", workflow.OnPullRequestBranches));
        }

        if (workflow.OnSchedule.Length > 0)
        {
            on.Add("schedule", new YamlSequence([.. workflow.OnSchedule.Select(cron => new YamlMapping().Add("cron", cron))]));
        }

        if (workflow.OnWorkflowDispatch || workflow.WorkflowDispatchInputs.Length > 0)
        {
            var inputs = Inputs(workflow, parameters);
            on.Add("workflow_dispatch", inputs.Count > 0 ? new YamlMapping().Add("inputs", inputs) : new YamlMapping());
        }

        if (workflow.OnWorkflowCall)
        {
            on.Add("workflow_call", WorkflowCall(workflow, jobs, parameters));
        }

        return on;
    }

    /// <summary>The <see cref="GitHubActionsWorkflowAttribute.WorkflowDispatchInputs"/> as workflow_dispatch and workflow_call inputs.</summary>
    private static YamlMapping Inputs(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<ParameterMember> parameters)
    {
        var inputs = new YamlMapping();
        foreach (var parameter in workflow.WorkflowDispatchInputs.Select(name => Parameter(parameters, name)))
        {
            inputs.Add(ParameterNames.ToKebabCase(parameter.Name), new YamlMapping()
                .Add("description", parameter.Description ?? parameter.Name)
                .Add("required", false)
                .Add("type", parameter.IsFlag ? "boolean" : "string"));
        }

        return inputs;
    }

    /// <summary>
    /// workflow_call: the dispatch inputs again (inputs.* reads either), the imported secrets as optional ones (a caller
    /// passes them by name or with secrets: inherit), and every job output as the workflow's own.
    /// </summary>
    private static YamlMapping WorkflowCall(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs, IReadOnlyList<ParameterMember> parameters)
    {
        var call = new YamlMapping();
        var inputs = Inputs(workflow, parameters);
        call.Add("inputs", inputs.Count > 0 ? inputs : null);
        var secrets = new YamlMapping();
        foreach (var parameter in workflow.ImportSecrets.Select(name => Parameter(parameters, name)))
        {
            secrets.Add(parameter.EnvironmentName, new YamlMapping()
                .Add("description", parameter.Description ?? parameter.Name)
                .Add("required", false));
        }

        call.Add("secrets", secrets.Count > 0 ? secrets : null);
        var outputs = new YamlMapping();
        foreach (var (job, output) in jobs.SelectMany(job => job.Outputs.Select(output => (job, output))))
        {
            if (jobs.FirstOrDefault(other => other != job && other.Outputs.Any(candidate => candidate.Name == output.Name)) is { } clash)
            {
                throw new BuildDefinitionException(
                    $"Workflow '{workflow.Name}' is callable (OnWorkflowCall), and jobs '{job.Id}' and '{clash.Id}' both output '{output.Name}': " +
                    "a called workflow returns one value per name. Declare the output on a target of one job only.");
            }

            outputs.Add(output.Name, new YamlMapping()
                .Add("description", output.Description)
                .Add("value", $"${{{{ jobs.{job.Id}.outputs.{output.Name} }}}}"));
        }

        return call.Add("outputs", outputs.Count > 0 ? outputs : null);
    }

    // A called workflow's github.workflow is its caller's name: keyed by it, the call would wait for the caller's own group.
    private static YamlMapping Concurrency(GitHubActionsWorkflowAttribute workflow) => new YamlMapping()
        .Add("group", (workflow.OnWorkflowCall ? workflow.Name : "${{ github.workflow }}") + "-${{ github.event.pull_request.number || github.ref }}")
        // Superseded pull request runs are cancelled; a run on a branch or a tag always finishes.
        .Add("cancel-in-progress", workflow.CancelSupersededPullRequestRuns ? new YamlScalar("${{ github.event_name == 'pull_request' }}") : new YamlScalar("false", isTyped: true));

    private static YamlMapping Job(GitHubActionsWorkflowAttribute workflow, WorkflowFiles files, JobPlan job, GitHubActionsCatalog catalog, IReadOnlyList<ParameterMember> parameters)
    {
        var mapping = new YamlMapping()
            .Add("name", job.Job.DisplayName ?? job.Id)
            .Add("needs", job.Needs.Count > 0 ? new YamlSequence([.. job.Needs.Select(needed => new YamlScalar(needed.Id))]) : null)
            .Add("if", Condition(workflow, job))
            .Add("runs-on", job.IsMatrix ? "${{ matrix.runner }}" : job.Job.RunsOn)
            .Add("timeout-minutes", workflow.TimeoutMinutes);
        if (job.WritePermissions.Count > 0 || job.ReadPermissions.Count > 0)
        {
            var permissions = new YamlMapping().Add("contents", job.WritePermissions.Contains(GitHubPermission.Contents) ? "write" : "read");
            foreach (var permission in job.WritePermissions.Concat(job.ReadPermissions).Where(permission => permission != GitHubPermission.Contents).Order())
            {
                permissions.Add(ParameterNames.ToKebabCase(permission.ToString()), job.WritePermissions.Contains(permission) ? "write" : "read");
            }

            mapping.Add("permissions", permissions);
        }

        if (job.IsMatrix)
        {
            mapping.Add("strategy", new YamlMapping()
                .Add("fail-fast", false)
                .Add("matrix", new YamlMapping().Add("include", new YamlSequence([.. job.Job.Platforms.Select(platform => new YamlMapping()
                    .Add("platform", platform)
                    .Add("runner", catalog.RunnerOf(platform))
                    .Add("slug", platform.Replace('/', '-')))]))));
        }

        if (job.Outputs.Count > 0)
        {
            mapping.Add("outputs", job.Outputs.Aggregate(new YamlMapping(),
                (outputs, output) => outputs.Add(output.Name, $"${{{{ steps.{JobPlan.BuildStepId}.outputs.{output.Name} }}}}")));
        }

        mapping.Add("steps", new YamlSequence(Steps(workflow, files, job, catalog, parameters)));
        return mapping;
    }

    /// <summary>
    /// A publishing job runs only in publishing runs; the final job after every other job whatever became of them
    /// (always(): also when one failed or was cancelled, which a plain needs: would skip it for).
    /// </summary>
    private static string? Condition(GitHubActionsWorkflowAttribute workflow, JobPlan job) => (job.IsFinal, job.IsPublishing) switch
    {
        (true, true) => $"always() && ({PublishingRun.Condition(workflow)})",
        (true, false) => "always()",
        (false, true) => PublishingRun.Condition(workflow),
        _ => null,
    };

    private static List<YamlNode> Steps(GitHubActionsWorkflowAttribute workflow, WorkflowFiles files, JobPlan job, GitHubActionsCatalog catalog, IReadOnlyList<ParameterMember> parameters)
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
            .Add("env", Environment(workflow, job, parameters)));

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

    // Everything event- or secret-derived reaches the build through env, never as ${{ }} text inside run:.
    private static YamlMapping? Environment(GitHubActionsWorkflowAttribute workflow, JobPlan job, IReadOnlyList<ParameterMember> parameters)
    {
        var env = new YamlMapping();
        if (workflow.EnableGitHubToken)
        {
            env.Add("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}");
        }

        if (job.IsMatrix)
        {
            env.Add(Parameter(parameters, job.Job.PlatformParameter).EnvironmentName, "${{ matrix.platform }}");
        }

        if (job.IsFinal)
        {
            env.Add(Parameter(parameters, workflow.FinalTargetNeedsParameter).EnvironmentName, "${{ toJSON(needs) }}");
        }

        foreach (var parameter in workflow.WorkflowDispatchInputs.Select(name => Parameter(parameters, name)))
        {
            env.Add(parameter.EnvironmentName, $"${{{{ inputs.{ParameterNames.ToKebabCase(parameter.Name)} }}}}");
        }

        // A publishing target in a job that also runs for other events (a push by digest in a test-and-build matrix)
        // learns from the publishing jobs' own condition whether anything will take its output (BuildBase.IsPublishingRun).
        if (job.RunsPublishingTarget)
        {
            env.Add(PublishingRun.Variable, $"${{{{ {PublishingRun.Condition(workflow)} }}}}");
        }

        // A secret reaches only the jobs that run a target requiring it: least privilege within the workflow.
        foreach (var parameter in workflow.ImportSecrets.Select(name => Parameter(parameters, name)).Where(parameter => job.Runs.Any(target => Reads(target, parameter))))
        {
            env.Add(parameter.EnvironmentName, $"${{{{ secrets.{parameter.EnvironmentName} }}}}");
        }

        return env.Count > 0 ? env : null;
    }

    private static bool Reads(ExecutableTarget target, ParameterMember parameter) =>
        target.Definition.Requirements.Any(requirement => requirement.ParameterMember == parameter.Name) || target.Definition.UsedParameters.Contains(parameter.Name);

    private static void CheckSecretsAreRead(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var parameter in workflow.ImportSecrets.Select(name => Parameter(parameters, name)))
        {
            if (!jobs.Any(job => job.Runs.Any(target => Reads(target, parameter))))
            {
                throw new BuildDefinitionException(
                    $"Workflow '{workflow.Name}' imports secret '{parameter.Name}', but no target its jobs run requires it: add .Requires(() => {parameter.Name}) " +
                    $"(or .UsesParameter(() => {parameter.Name}), where it is optional) to the targets that read it.");
            }
        }
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

    private static ParameterMember Parameter(IReadOnlyList<ParameterMember> parameters, string name) =>
        parameters.FirstOrDefault(parameter => parameter.Name == name)
        ?? throw new BuildDefinitionException($"The workflow refers to parameter '{name}', which the build does not declare.");
}

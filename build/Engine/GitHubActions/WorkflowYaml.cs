using BuildEngine.Yaml;

namespace BuildEngine;

/// <summary>Turns a workflow declaration and its job plans into the workflow file's YAML.</summary>
internal static class WorkflowYaml
{
    public const string Header =
        "Generated from the Build class (build/Build/Build*.cs) by ./build.sh --generate-workflows. Do not edit:\n" +
        "change the build's [GitHubActionsWorkflow]/[GitHubActionsJob] attributes or targets and regenerate.";

    public static string Render(GitHubActionsWorkflowAttribute workflow, WorkflowFiles files, IReadOnlyList<JobPlan> jobs, GitHubActionsCatalog catalog,
        IReadOnlyList<ParameterMember> parameters)
    {
        BuildStepEnvironment.CheckSecretsAreRead(workflow, jobs, parameters);
        var document = new YamlMapping()
            .Add("name", workflow.DisplayName ?? workflow.Name)
            .Add("on", WorkflowTriggersYaml.Render(workflow, jobs, parameters))
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

        mapping.Add("steps", new YamlSequence(WorkflowStepsYaml.Render(workflow, files, job, catalog, parameters)));
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

    /// <summary>The parameter a workflow attribute names, or a definition error naming it.</summary>
    internal static ParameterMember Parameter(IReadOnlyList<ParameterMember> parameters, string name) =>
        parameters.FirstOrDefault(parameter => parameter.Name == name)
        ?? throw new BuildDefinitionException($"The workflow refers to parameter '{name}', which the build does not declare.");
}

using BuildEngine.Yaml;

namespace BuildEngine;

/// <summary>A workflow's <c>on:</c>: push, pull_request, schedule, workflow_dispatch with its inputs, workflow_call.</summary>
internal static class WorkflowTriggersYaml
{
    public static YamlMapping Render(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs, IReadOnlyList<ParameterMember> parameters)
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
        foreach (var parameter in workflow.WorkflowDispatchInputs.Select(name => WorkflowYaml.Parameter(parameters, name)))
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
        foreach (var parameter in workflow.ImportSecrets.Select(name => WorkflowYaml.Parameter(parameters, name)))
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
}

using BuildEngine.Yaml;

namespace BuildEngine;

/// <summary>
/// The build step's <c>env:</c>: the token, the matrix platform, the final job's needs, dispatch inputs, the
/// publishing-run flag and the secrets of the targets the job runs (and the check that every imported secret is read).
/// </summary>
internal static class BuildStepEnvironment
{
    // Everything event- or secret-derived reaches the build through env, never as ${{ }} text inside run:.
    public static YamlMapping? Render(GitHubActionsWorkflowAttribute workflow, JobPlan job, IReadOnlyList<ParameterMember> parameters)
    {
        var env = new YamlMapping();
        if (workflow.EnableGitHubToken)
        {
            env.Add("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}");
        }

        if (job.IsMatrix)
        {
            env.Add(WorkflowYaml.Parameter(parameters, job.Job.PlatformParameter).EnvironmentName, "${{ matrix.platform }}");
        }

        if (job.IsFinal)
        {
            env.Add(WorkflowYaml.Parameter(parameters, workflow.FinalTargetNeedsParameter).EnvironmentName, "${{ toJSON(needs) }}");
        }

        foreach (var parameter in workflow.WorkflowDispatchInputs.Select(name => WorkflowYaml.Parameter(parameters, name)))
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
        foreach (var parameter in workflow.ImportSecrets.Select(name => WorkflowYaml.Parameter(parameters, name)).Where(parameter => job.Runs.Any(target => Reads(target, parameter))))
        {
            env.Add(parameter.EnvironmentName, $"${{{{ secrets.{parameter.EnvironmentName} }}}}");
        }

        return env.Count > 0 ? env : null;
    }

    private static bool Reads(ExecutableTarget target, ParameterMember parameter) =>
        target.Definition.Requirements.Any(requirement => requirement.ParameterMember == parameter.Name) || target.Definition.UsedParameters.Contains(parameter.Name);

    public static void CheckSecretsAreRead(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var parameter in workflow.ImportSecrets.Select(name => WorkflowYaml.Parameter(parameters, name)))
        {
            if (!jobs.Any(job => job.Runs.Any(target => Reads(target, parameter))))
            {
                throw new BuildDefinitionException(
                    $"Workflow '{workflow.Name}' imports secret '{parameter.Name}', but no target its jobs run requires it: add .Requires(() => {parameter.Name}) " +
                    $"(or .UsesParameter(() => {parameter.Name}), where it is optional) to the targets that read it.");
            }
        }
    }
}

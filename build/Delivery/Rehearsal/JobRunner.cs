using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// Runs one job of a workflow run as GitHub would: its if: against the needed jobs' results, its matrix legs one
/// after another, each in a fresh runner container with a token of the job's scopes, its steps in order with
/// GitHub's status rules, the post steps, and its outputs.
/// </summary>
public sealed class JobRunner(WorkflowRun run)
{
    private static readonly string[] StatusFunctions = ["success(", "failure(", "always(", "cancelled("];

    private RehearsalSession Rehearsal => run.Rehearsal;

    public async Task<IReadOnlyList<JobResult>> RunAsync(JsonObject job, JsonObject needs, JobStatus needsStatus)
    {
        var id = job["id"]!.ToString();
        var baseScope = new ExpressionScope(BaseContexts(needs), needsStatus, null);
        var condition = job["if"]?.ToString() is { Length: > 0 } expression ? expression : "success()";
        var name = job["name"]?.ToString() ?? id;
        if (!await Rehearsal.Host.IsTrueAsync(ImplicitSuccess(condition), baseScope))
        {
            Rehearsal.Logger.Information("Job {Job} skipped: if: {Condition} is false", id, condition);
            return [new JobResult(run.FileName, id, await Rehearsal.Host.InterpolateAsync(name, baseScope.With("matrix", new JsonObject())), JobResult.Skipped, null, TimeSpan.Zero, [], [])];
        }

        var strategy = job["strategy"] as JsonObject;
        var legs = MatrixExpansion.Expand(strategy?["matrix"] as JsonObject);
        var results = new List<JobResult>();
        var index = 0;
        foreach (var leg in legs.Count > 0 ? legs.Cast<JsonObject?>() : [null])
        {
            var scope = baseScope.With("matrix", leg ?? new JsonObject()).With("strategy", new JsonObject
            {
                ["fail-fast"] = strategy?["fail-fast"]?.DeepClone() ?? true,
                ["job-index"] = index++,
                ["job-total"] = Math.Max(legs.Count, 1),
                ["max-parallel"] = Math.Max(legs.Count, 1),
            });
            results.Add(await RunLegAsync(job, id, await Rehearsal.Host.InterpolateAsync(name, scope), scope, leg));
        }

        return results;
    }

    /// <summary>An if: without a status function means success() &amp;&amp; (it), as on GitHub.</summary>
    public static string ImplicitSuccess(string condition)
    {
        var bare = WorkflowHost.StripBraces(condition);
        return StatusFunctions.Any(function => bare.Contains(function, StringComparison.Ordinal)) ? bare : $"success() && ({bare})";
    }

    private JsonObject BaseContexts(JsonObject needs) => new()
    {
        ["github"] = new JsonObject
        {
            ["event_name"] = Rehearsal.Request.EventName,
            ["event"] = run.Payload.DeepClone(),
            ["ref"] = Rehearsal.Repository.Ref,
            ["sha"] = Rehearsal.Repository.Sha,
            ["repository"] = Rehearsal.Repository.FullName,
            ["repository_owner"] = Rehearsal.Repository.Owner,
            ["workflow"] = run.Name,
            ["run_id"] = run.RunId,
            ["actor"] = EventPayload.Actor,
        },
        ["needs"] = needs.DeepClone(),
        ["inputs"] = run.Payload["inputs"]?.DeepClone() ?? new JsonObject(),
        ["vars"] = new JsonObject(),
    };

    private async Task<JobResult> RunLegAsync(JsonObject job, string id, string name, ExpressionScope scope, JsonObject? leg)
    {
        var clock = Stopwatch.StartNew();
        var label = await Rehearsal.Host.InterpolateAsync(job["runs-on"]?.ToString() ?? "", scope);
        var permissions = JobPermissions.Resolve(job["permissions"], run.Model["permissions"], Rehearsal.Request.Fork);
        if (RunnerLabels.Resolve(label) is not { } runner)
        {
            return new JobResult(run.FileName, id, name, JobResult.Failure, permissions, clock.Elapsed, [], [],
                $"runs-on '{label}': no runner stand-in plays this label (the rehearsal has ubuntu-24.04 and ubuntu-24.04-arm).", leg);
        }

        Rehearsal.Logger.Information("── Job {Workflow} / {Job} ({Name}) on {Label}", run.FileName, id, name, label);
        var token = Rehearsal.GitHub.IssueToken($"{run.FileName}/{name}", Rehearsal.Repository.FullName, permissions);
        Rehearsal.AddSecret(token);
        var slug = leg is null ? id : Slug(id, leg);
        var paths = new JobPaths(run.Directory / "jobs" / slug, Rehearsal.Repository.Name);
        paths.Create();
        var eventPath = paths.Temp / "_github_workflow" / "event.json";
        Directory.CreateDirectory(eventPath.Parent);
        await File.WriteAllTextAsync(eventPath, run.Payload.ToJsonString());

        await Rehearsal.Repository.CopyOriginAsync(Rehearsal.Tools, paths.Origin);
        await using var container = await RunnerContainer.StartAsync(Rehearsal.Tools, Rehearsal.Runner.Image, Rehearsal.Runner.DockerSocket,
            $"rehearsal-{run.RunId}-{slug}", Rehearsal.RunId,
            [new Mount(paths.Root, paths.Root), new Mount(Rehearsal.Runner.DotnetRoot, RunnerSettings.DotnetMount, true),
                new Mount(Rehearsal.ToolsMirror.TableDirectory, Rehearsal.ToolsMirror.TableDirectory, true)],
            paths.Workspace);
        // The runner owns its workspace, as on GitHub: git refuses a repository another user owns (safe.directory).
        await container.ExecAsync(["chown", "-R", $"{RunnerContainer.RunnerUser}:{RunnerContainer.RunnerUser}", paths.Root / "work"],
            new Dictionary<string, string>(), "/", logOutput: false, user: "root");
        var context = new JobContext(run, id, container, paths, permissions, token);
        if (runner.StandIn is not null)
        {
            context.StandIns.Add(runner.StandIn);
        }

        context.StandIns.AddRange(Rehearsal.Runner.StandIns);

        var github = RunnerContexts.GitHub(context, eventPath);
        var runnerContext = RunnerContexts.Runner(context, runner.Arch);
        var defaults = RunnerContexts.DefaultVariables(github, runnerContext, context);
        // ghcr.io is the stand-in: the build pushes there, and GITHUB_TOKEN signs in to it as to GHCR.
        defaults["REGISTRY"] = Rehearsal.GitHub.RegistryAddress;
        defaults["GITHUB_CONTAINER_REGISTRY"] = Rehearsal.GitHub.RegistryAddress;
        foreach (var (variable, value) in Rehearsal.Runner.Environment)
        {
            defaults[variable] = value;
        }

        // install-tool.sh downloads from the lab's mirror and verifies against the rehearsal's table (RehearsalToolsMirror).
        foreach (var (variable, value) in Rehearsal.ToolsMirror.Variables)
        {
            defaults[variable] = value;
        }

        if (context.Allows("id-token", "write"))
        {
            foreach (var (variable, value) in await Rehearsal.Signing.VariablesForAsync(paths, Rehearsal.AddSecret))
            {
                defaults[variable] = value;
            }

            context.StandIns.Add("id-token: write: no OIDC provider here; the job signs with a cosign key pair (COSIGN_KEY) instead of keyless: Fulcio and Rekor NOT rehearsed");
        }

        var basePath = (await container.ExecAsync(["printenv", "PATH"], new Dictionary<string, string>(), "/", logOutput: false)).StandardOutput.Trim();
        scope = scope.With("github", github).With("runner", runnerContext)
            .With("secrets", new JsonObject { ["GITHUB_TOKEN"] = token })
            .With("job", new JsonObject { ["status"] = "success" });

        var workflowEnvironment = await ExpressionMaps.EvaluateAsync(Rehearsal.Host, run.Model["env"] as JsonObject, scope);
        scope = scope.With("env", ExpressionMaps.ToJson(workflowEnvironment));
        var jobEnvironment = new Dictionary<string, string>(workflowEnvironment);
        foreach (var (variable, value) in await ExpressionMaps.EvaluateAsync(Rehearsal.Host, job["env"] as JsonObject, scope))
        {
            jobEnvironment[variable] = value;
        }

        var timeout = new JobTimeout(await JobTimeout.ReadMinutesAsync(job["timeout-minutes"], Rehearsal.Host, scope, $"job '{id}'") ?? JobTimeout.DefaultMinutes);
        var steps = new List<StepResult>();
        var summary = new StringBuilder();
        var stepExecutor = new StepExecutor(Rehearsal, context, new StepRunner(context, basePath));
        var number = 0;
        foreach (var step in (job["steps"] as JsonArray ?? []).OfType<JsonObject>())
        {
            number++;
            steps.Add(await stepExecutor.RunAsync(step, number, scope, defaults, jobEnvironment, summary, timeout));
        }

        foreach (var (postName, post) in Enumerable.Reverse(context.PostSteps))
        {
            var postClock = Stopwatch.StartNew();
            var outcome = await post(context.Status);
            steps.Add(new StepResult(postName, outcome.Succeeded ? JobResult.Success : JobResult.Failure, outcome.StandIn, postClock.Elapsed, outcome.Error));
            if (!outcome.Succeeded)
            {
                context.Status = JobStatus.Failure;
            }
        }

        var outputs = new Dictionary<string, string>();
        var stepScope = scope.With("steps", context.Steps);
        foreach (var (output, value) in job["outputs"] as JsonObject ?? [])
        {
            outputs[output] = await Rehearsal.Host.InterpolateAsync(value?.ToString() ?? "", stepScope);
        }

        if (summary.Length > 0)
        {
            await File.WriteAllTextAsync(paths.Root / "step-summary.md", summary.ToString());
        }

        var failed = steps.FirstOrDefault(step => step.Conclusion == JobResult.Failure);
        return new JobResult(run.FileName, id, name, context.Status == JobStatus.Success ? JobResult.Success : JobResult.Failure,
            permissions, clock.Elapsed, steps, context.StandIns, failed is null ? null : $"{failed.Name}: {failed.Error}", leg, outputs, context.Caches);
    }

    /// <summary>test, image-linux-amd64-ubuntu-24-04-…: a folder and container name per leg.</summary>
    private static string Slug(string id, JsonObject leg) =>
        System.Text.RegularExpressions.Regex.Replace(
            string.Join('-', leg.Select(pair => pair.Value?.ToString()).Prepend(id)).ToLowerInvariant(), "[^a-z0-9_.-]+", "-");
}

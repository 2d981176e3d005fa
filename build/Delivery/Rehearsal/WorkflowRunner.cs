using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// Runs a workflow's jobs in the order their needs allow (one at a time: two cores), with the needs context
/// GitHub gives each: every needed job's result (a matrix job's legs combined) and outputs.
/// </summary>
public static class WorkflowRunner
{
    public static async Task<IReadOnlyList<JobResult>> RunAsync(WorkflowRun run)
    {
        var jobs = (run.Model["jobs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var results = new Dictionary<string, IReadOnlyList<JobResult>>();
        var runner = new JobRunner(run);
        while (results.Count < jobs.Count)
        {
            var ready = jobs.FirstOrDefault(job => !results.ContainsKey(Id(job)) && Needs(job).All(results.ContainsKey))
                ?? throw new BuildFailedException($"{run.FileName}: the jobs' needs form a cycle or name a job that does not exist.");
            var needs = new JsonObject();
            foreach (var needed in Needs(ready))
            {
                needs[needed] = new JsonObject
                {
                    ["result"] = Combined(results[needed]),
                    ["outputs"] = Outputs(results[needed]),
                };
            }

            results[Id(ready)] = await runner.RunAsync(ready, needs, Status(Ancestors(ready, jobs).Select(ancestor => Combined(results[ancestor]))));
        }

        return [.. jobs.SelectMany(job => results[Id(job)])];
    }

    /// <summary>A matrix job's result: failure if a leg failed, cancelled if one was, success if all succeeded.</summary>
    public static string Combined(IReadOnlyList<JobResult> legs) =>
        legs.Any(leg => leg.Conclusion == JobResult.Failure) ? JobResult.Failure
        : legs.Any(leg => leg.Conclusion == JobResult.Cancelled) ? JobResult.Cancelled
        : legs.All(leg => leg.Conclusion == JobResult.Skipped) ? JobResult.Skipped
        : JobResult.Success;

    /// <summary>success() of a job: every job it needs, directly or not, succeeded; failure(): one of them failed.</summary>
    public static JobStatus Status(IEnumerable<string> ancestorResults)
    {
        var results = ancestorResults.ToList();
        return results.Any(result => result == JobResult.Failure) ? JobStatus.Failure
            : results.Any(result => result == JobResult.Cancelled) ? JobStatus.Cancelled
            : results.All(result => result == JobResult.Success) ? JobStatus.Success
            : JobStatus.Skipped;
    }

    private static JsonObject Outputs(IReadOnlyList<JobResult> legs)
    {
        var outputs = new JsonObject();
        foreach (var (name, value) in legs.Where(leg => leg.Outputs is not null).SelectMany(leg => leg.Outputs!))
        {
            outputs[name] = value;
        }

        return outputs;
    }

    private static string Id(JsonObject job) => job["id"]!.ToString();

    private static IEnumerable<string> Needs(JsonObject job) =>
        (job["needs"] as JsonArray ?? []).Select(need => need!.ToString());

    private static IEnumerable<string> Ancestors(JsonObject job, List<JsonObject> jobs) =>
        Needs(job).SelectMany(need => Ancestors(jobs.First(candidate => Id(candidate) == need), jobs).Prepend(need)).Distinct();
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Metrics;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// artifacts/rehearsal/report.json and report.md: the event, ref and fork, then per workflow and job (matrix legs
/// apart) the conclusion, granted scopes, duration and every step with what stood in for it. Also the console table.
/// </summary>
public sealed record RehearsalReport(
    string Event,
    string Ref,
    bool Fork,
    string Sha,
    IReadOnlyList<string> Workflows,
    IReadOnlyList<JobResult> Jobs,
    IReadOnlyList<string> Notes,
    TimeSpan Duration)
{
    /// <summary>Green when no job GitHub would run failed or was cancelled (skipped jobs are what GitHub would skip).</summary>
    public bool Succeeded => Jobs.All(job => job.Conclusion is JobResult.Success or JobResult.Skipped);

    public void Write(AbsolutePath directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(directory / "report.json", ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        AtomicFile.WriteAllText(directory / "report.md", ToMarkdown());
    }

    public JsonObject ToJson() => new()
    {
        ["event"] = Event,
        ["ref"] = Ref,
        ["fork"] = Fork,
        ["sha"] = Sha,
        ["conclusion"] = Succeeded ? JobResult.Success : JobResult.Failure,
        ["durationSeconds"] = Math.Round(Duration.TotalSeconds, 1),
        ["notes"] = new JsonArray([.. Notes.Select(note => (JsonNode)note)]),
        ["workflows"] = new JsonArray([.. Workflows.Select(workflow => (JsonNode)new JsonObject
        {
            ["file"] = workflow,
            ["jobs"] = new JsonArray([.. Jobs.Where(job => job.Workflow == workflow).Select(Job)]),
        })]),
    };

    private static JsonNode Job(JobResult job)
    {
        var permissions = new JsonObject();
        foreach (var (scope, level) in job.Permissions ?? new Dictionary<string, string>())
        {
            permissions[scope] = level;
        }

        return new JsonObject
        {
            ["id"] = job.Id,
            ["name"] = job.Name,
            ["matrix"] = job.Matrix?.DeepClone(),
            ["conclusion"] = job.Conclusion,
            ["permissions"] = job.Permissions is null ? null : permissions,
            ["durationSeconds"] = Math.Round(job.Duration.TotalSeconds, 1),
            ["error"] = job.Error,
            ["standIns"] = new JsonArray([.. job.StandIns.Select(standIn => (JsonNode)standIn)]),
            // Every cache restored or saved and any cache token exported; empty for a job that used none (a tag run's).
            ["caches"] = new JsonArray([.. (job.Caches ?? []).Select(cache => (JsonNode)cache)]),
            // The job's outputs: what a later job, or a workflow calling this one, would read (the publish job's digest).
            ["outputs"] = (job.Outputs ?? new Dictionary<string, string>()).Aggregate(new JsonObject(), (outputs, pair) =>
            {
                outputs[pair.Key] = pair.Value;
                return outputs;
            }),
            ["steps"] = new JsonArray([.. job.Steps.Select(step => (JsonNode)new JsonObject
            {
                ["name"] = step.Name,
                ["conclusion"] = step.Conclusion,
                ["standIn"] = step.StandIn,
                ["durationSeconds"] = Math.Round(step.Duration.TotalSeconds, 1),
                ["error"] = step.Error,
            })]),
        };
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Rehearsal: {Event} {Ref}{(Fork ? " (from a fork)" : "")} at {Sha[..Math.Min(7, Sha.Length)]}");
        text.AppendLine();
        text.AppendLine("| Workflow | Job | Conclusion | Token scopes | Duration |");
        text.AppendLine("|:--|:--|:--|:--|--:|");
        foreach (var job in Jobs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {job.Workflow} | {Escape(job.Name)} | {job.Conclusion} | {Scopes(job)} | {DurationText.Format(job.Duration)} |");
        }

        text.AppendLine();
        text.AppendLine(Succeeded ? "Every job GitHub would run succeeded." : "A job GitHub would run failed: see its steps below.");
        var caches = Jobs.Sum(job => job.Caches?.Count ?? 0);
        text.AppendLine(caches == 0
            ? "- caches: none (no job restored or saved a cache or exported a cache token)"
            : $"- caches: {caches} in {Jobs.Count(job => job.Caches is { Count: > 0 })} job(s), listed with each job below");
        foreach (var note in Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        foreach (var job in Jobs.Where(job => job.Steps.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {job.Workflow} / {Escape(job.Name)}: {job.Conclusion}");
            foreach (var standIn in job.StandIns)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- runner: {standIn}");
            }

            text.AppendLine(job.Caches is { Count: > 0 } used
                ? $"- caches: {string.Join("; ", used.Select(Escape))}"
                : "- caches: none");
            if (job.Outputs is { Count: > 0 } outputs)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- outputs: {string.Join("; ", outputs.Select(pair => Escape($"{pair.Key}={pair.Value}")))}");
            }

            text.AppendLine();
            text.AppendLine("| Step | Conclusion | Stand-in (what was not rehearsed) |");
            text.AppendLine("|:--|:--|:--|");
            foreach (var step in job.Steps)
            {
                var detail = step.Error is null ? step.StandIn : $"{step.StandIn} **{step.Error}**".Trim();
                text.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(step.Name)} | {step.Conclusion} | {Escape(detail ?? "")} |");
            }
        }

        return text.ToString();
    }

    public string ToText()
    {
        var width = Math.Max(30, Jobs.Select(job => job.Workflow.Length + job.Name.Length + 3).DefaultIfEmpty(0).Max() + 2);
        var text = new StringBuilder();
        text.AppendLine(new string('═', width + 22));
        text.AppendLine($"{"Workflow / job".PadRight(width)}{"Conclusion",-12}{"Duration",10}");
        text.AppendLine(new string('─', width + 22));
        foreach (var job in Jobs)
        {
            var line = $"{$"{job.Workflow} / {job.Name}".PadRight(width)}{job.Conclusion,-12}{DurationText.Format(job.Duration),10}";
            text.AppendLine(job.Error is null ? line : $"{line}   // {job.Error.Split('\n')[0]}");
        }

        text.AppendLine(new string('─', width + 22));
        text.AppendLine($"{$"Rehearsal of {Event} {Ref}".PadRight(width)}{(Succeeded ? JobResult.Success : JobResult.Failure),-12}{DurationText.Format(Duration),10}");
        text.AppendLine(new string('═', width + 22));
        return text.ToString();
    }

    private static string Scopes(JobResult job) =>
        job.Permissions is null ? "" : string.Join(", ", job.Permissions.Where(pair => pair.Key != "metadata").Select(pair => $"{pair.Key}: {pair.Value}"));

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

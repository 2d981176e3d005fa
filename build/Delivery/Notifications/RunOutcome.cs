using System.Text.Json;
using Tooling;

namespace Delivery.Notifications;

/// <summary>
/// The whole run as its last job sees it: every other job's result, from GitHub's <c>needs</c> context, and the targets
/// that failed, from the build metrics each job (and matrix leg) uploaded. Red when a job failed or was cancelled, also
/// outside its build (a tool set-up, an upload, a lost runner); green when none did and at least one job succeeded.
/// </summary>
public sealed record RunOutcome(IReadOnlyList<JobOutcome> Jobs)
{
    /// <summary>The file each job's build-files artefact holds (artifacts/build-metrics.json, rooted at artifacts/).</summary>
    public const string MetricsFileName = "build-metrics.json";

    public bool IsRed => Jobs.Any(job => job.IsRed);

    public bool IsGreen => !IsRed && Jobs.Any(job => job.Result == JobOutcome.Success);

    public IReadOnlyList<JobOutcome> RedJobs => [.. Jobs.Where(job => job.IsRed)];

    /// <summary>Artefact folders whose metrics could not be read: their jobs' results still count, their failed targets are unknown.</summary>
    public IReadOnlyList<string> UnreadableMetrics { get; init; } = [];

    /// <summary>
    /// From <c>toJSON(needs)</c> (<c>{"test": {"result": "success", "outputs": {}}, …}</c>) and the folder holding one
    /// folder per build-files artefact (<c>&lt;job&gt;-build</c>, <c>&lt;job&gt;-build-&lt;leg&gt;</c>) with its metrics.
    /// </summary>
    public static RunOutcome Read(string needsJson, string metricsFolder)
    {
        var results = ParseNeeds(needsJson);
        var failed = results.Keys.ToDictionary(job => job, _ => new List<FailedTarget>(), StringComparer.Ordinal);
        var unreadable = new List<string>();
        IEnumerable<string> artefacts = Directory.Exists(metricsFolder) ? Directory.GetDirectories(metricsFolder).Order(StringComparer.Ordinal) : [];
        foreach (var folder in artefacts)
        {
            var artefact = Path.GetFileName(folder);
            var file = Path.Combine(folder, MetricsFileName);
            if (JobOf(artefact, results.Keys) is not ({ } job, var leg) || !File.Exists(file))
            {
                continue; // another artefact, or a job that ended before its build wrote anything
            }

            try
            {
                failed[job].AddRange(FailedTargetsIn(File.ReadAllText(file)).Select(target => target with { Leg = leg }));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                unreadable.Add(artefact);
            }
        }

        return new RunOutcome([.. results.Select(pair => new JobOutcome(pair.Key, pair.Value, failed[pair.Key]))]) { UnreadableMetrics = unreadable };
    }

    private static Dictionary<string, string> ParseNeeds(string json)
    {
        const string Fix = "It takes GitHub's needs context as JSON, which the generated final job passes as ${{ toJSON(needs) }}.";
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BuildFailedException($"--needs is not a JSON object of jobs. {Fix}");
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                job => job.Name,
                job => job.Value.ValueKind == JsonValueKind.Object && job.Value.TryGetProperty("result", out var result) && result.GetString() is { Length: > 0 } text
                    ? text
                    : throw new BuildFailedException($"--needs has no result for job '{job.Name}'. {Fix}"),
                StringComparer.Ordinal);
        }
        catch (JsonException exception)
        {
            throw new BuildFailedException($"--needs is not valid JSON ({exception.Message}). {Fix}", exception);
        }
    }

    /// <summary>The job (and matrix leg) an artefact <c>&lt;job&gt;-build[-&lt;leg&gt;]</c> came from; the longest job id wins.</summary>
    private static (string Job, string? Leg)? JobOf(string artefact, IEnumerable<string> jobs)
    {
        foreach (var job in jobs.OrderByDescending(job => job.Length))
        {
            if (artefact == $"{job}-build")
            {
                return (job, null);
            }

            if (artefact.StartsWith($"{job}-build-", StringComparison.Ordinal))
            {
                return (job, artefact[$"{job}-build-".Length..]);
            }
        }

        return null;
    }

    /// <summary>The failed and aborted targets of a build-metrics.json, in the order they ran.</summary>
    private static IEnumerable<FailedTarget> FailedTargetsIn(string metricsJson)
    {
        using var document = JsonDocument.Parse(metricsJson);
        return [.. document.RootElement.GetProperty("targets").EnumerateArray()
            .Where(target => target.GetProperty("status").GetString() is "Failed" or "Aborted")
            .Select(target => new FailedTarget(
                target.GetProperty("name").GetString() ?? "(unnamed)",
                FailedTarget.FirstLine(target.TryGetProperty("note", out var note) ? note.GetString() : null)))];
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// github/codeql-action/upload-sarif: the file (or every .sarif in a folder) is checked as code scanning checks it
/// (JSON, SARIF 2.1.0, runs with a tool driver name, results) and the token must hold security-events: write;
/// the upload itself goes nowhere.
/// </summary>
public sealed class UploadSarif : IActionEquivalent
{
    public string Action => "github/codeql-action/upload-sarif";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var path = job.ResolvePath(step.Input("sarif_file", "../results"));
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.sarif", SearchOption.AllDirectories).ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
        {
            return ActionOutcome.Failed($"Path does not exist: {step.Input("sarif_file")}");
        }

        if (!job.Allows("security-events", "write"))
        {
            return ActionOutcome.Failed("Resource not accessible by integration: uploading SARIF needs the job's token to hold security-events: write.");
        }

        foreach (var file in files)
        {
            if (await Problem(file) is { } problem)
            {
                return ActionOutcome.Failed($"Invalid SARIF {Path.GetFileName(file)}: {problem}");
            }
        }

        return ActionOutcome.Done($"{files.Count} SARIF file(s) validated (category {step.Input("category", "-")}); not uploaded to code scanning");
    }

    private static async Task<string?> Problem(string file)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(await File.ReadAllTextAsync(file));
        }
        catch (JsonException exception)
        {
            return $"not JSON ({exception.Message})";
        }

        if (document?["version"]?.ToString() != "2.1.0")
        {
            return "version is not 2.1.0";
        }

        if (document["runs"] is not JsonArray runs)
        {
            return "no runs array";
        }

        foreach (var run in runs)
        {
            if (string.IsNullOrEmpty(run?["tool"]?["driver"]?["name"]?.ToString()))
            {
                return "a run without tool.driver.name";
            }

            if (run["results"] is not null and not JsonArray)
            {
                return "results is not an array";
            }
        }

        return null;
    }
}

using System.Text.Json;

namespace Delivery.Scanning;

/// <summary>One result of a SARIF 2.1.0 log (<c>runs[].results[]</c>): which rule, how bad, where.</summary>
public sealed record SarifResult(string Tool, string RuleId, string Level, string Message, string? Uri, int? Line)
{
    public string Location => Uri is null ? "" : Line is { } line ? $"{Uri}:{line}" : Uri;
}

/// <summary>Reads the results of a SARIF 2.1.0 log, as Trivy and gitleaks write it for GitHub code scanning.</summary>
public static class SarifLog
{
    public static IReadOnlyList<SarifResult> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("version", out var version) || version.GetString() != "2.1.0")
        {
            throw new FormatException("Not a SARIF 2.1.0 log.");
        }

        var results = new List<SarifResult>();
        foreach (var run in root.GetProperty("runs").EnumerateArray())
        {
            var tool = run.TryGetProperty("tool", out var toolElement) && toolElement.TryGetProperty("driver", out var driver)
                ? Text(driver, "name") ?? "?"
                : "?";
            if (!run.TryGetProperty("results", out var runResults) || runResults.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var result in runResults.EnumerateArray())
            {
                var message = result.TryGetProperty("message", out var messageElement) ? Text(messageElement, "text") ?? "" : "";
                string? uri = null;
                int? line = null;
                if (result.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array
                    && locations.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } location
                    && location.TryGetProperty("physicalLocation", out var physical))
                {
                    uri = physical.TryGetProperty("artifactLocation", out var artifact) ? Text(artifact, "uri") : null;
                    line = physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var start) ? start.GetInt32() : null;
                }

                // SARIF's default level is "warning" when a result does not say.
                results.Add(new SarifResult(tool, Text(result, "ruleId") ?? "?", Text(result, "level") ?? "warning", message, uri, line));
            }
        }

        return results;
    }

    public static IReadOnlyList<SarifResult> Read(string path) => Parse(File.ReadAllText(path));

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Text.Json;

namespace Delivery.Scanning;

/// <summary>Reads Trivy's JSON report (<c>--format json</c>, schema version 2): every vulnerability of every result.</summary>
public static class TrivyReport
{
    public static IReadOnlyList<Vulnerability> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("Results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            // Trivy omits Results when the image has nothing it can scan.
            return [];
        }

        var findings = new List<Vulnerability>();
        foreach (var result in results.EnumerateArray())
        {
            var target = Text(result, "Target") ?? "";
            if (!result.TryGetProperty("Vulnerabilities", out var vulnerabilities) || vulnerabilities.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            findings.AddRange(vulnerabilities.EnumerateArray().Select(vulnerability => new Vulnerability(
                Text(vulnerability, "VulnerabilityID") ?? "?",
                Text(vulnerability, "PkgName") ?? "?",
                Text(vulnerability, "InstalledVersion") ?? "",
                Text(vulnerability, "FixedVersion"),
                (Text(vulnerability, "Severity") ?? "UNKNOWN").ToUpperInvariant(),
                Text(vulnerability, "Status"),
                target)));
        }

        return findings;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

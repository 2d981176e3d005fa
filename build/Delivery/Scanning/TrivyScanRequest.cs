namespace Delivery.Scanning;

/// <summary>One Trivy image scan: which image, which findings count, where the reports go.</summary>
public sealed record TrivyScanRequest
{
    public required string Image { get; init; }
    public required IReadOnlyList<string> Severities { get; init; }
    public bool IgnoreUnfixed { get; init; }
    public required string IgnoreFile { get; init; }
    public required string JsonReport { get; init; }
    public required string SarifReport { get; init; }
}

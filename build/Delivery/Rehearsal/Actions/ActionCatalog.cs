namespace Delivery.Rehearsal.Actions;

/// <summary>Every action the rehearsal has a local equivalent of (docs/rehearsal.md has the table).</summary>
public static class ActionCatalog
{
    public static IReadOnlyList<IActionEquivalent> All { get; } =
    [
        new Checkout(), new SetupDotnet(), new Cache(), new UploadArtifact(), new DownloadArtifact(), new SetupBuildx(),
        new GitHubRuntime(), new UploadSarif(),
    ];
}

using Delivery.Reproducibility;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>What one image build left: BuildKit's output, and the OCI archive kept for the push (the gateway's), if any.</summary>
public sealed record BuiltImage(ToolResult Build, string? ArchivePath, OciImage? Archive)
{
    /// <summary>BuildKit's plain progress goes to standard error; standard output too, in case a docker version swaps them.</summary>
    public IEnumerable<string> BuildKitOutput => Build.StandardErrorLines.Concat(Build.StandardOutputLines);
}

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// anchore/sbom-action/download-syft runs an install script that downloads syft from GitHub: impossible offline,
/// and there is no syft on this machine. Nothing is installed; the Sbom target then says (as it does anywhere
/// without syft) that the SBOM lacks the image's OS packages.
/// </summary>
public sealed class DownloadSyft : IActionEquivalent
{
    public string Action => "anchore/sbom-action/download-syft";

    public Task<ActionOutcome> RunAsync(StepInvocation step) =>
        Task.FromResult(ActionOutcome.Done("syft is downloaded from GitHub by the action: not installed offline; the SBOM's OS packages are NOT rehearsed"));
}

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// aquasecurity/setup-trivy downloads Trivy, which then downloads its vulnerability database: neither exists
/// offline. A named stand-in `trivy` (StandIns/trivy) writes a valid report with no findings, so the Scan
/// target's gate, its files and the SARIF upload run, but the image is NOT scanned.
/// </summary>
public sealed class SetupTrivy : IActionEquivalent
{
    public string Action => "aquasecurity/setup-trivy";

    public Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var folder = step.Job.Paths.Tools / "trivy";
        Directory.CreateDirectory(folder);
        File.WriteAllText(folder / "trivy", StandIn());
        FileModes.Executable(folder / "trivy");
        step.Job.AddPath(folder);
        return Task.FromResult(ActionOutcome.Done(
            $"Trivy {step.Input("version", "latest")} and its vulnerability database cannot be downloaded offline: a stand-in trivy reports NO findings; the image was NOT scanned"));
    }

    private static string StandIn()
    {
        using var stream = typeof(SetupTrivy).Assembly.GetManifestResourceStream("Delivery.Rehearsal.StandIns.trivy")
            ?? throw new InvalidOperationException("The trivy stand-in script is not embedded in Delivery.dll (Delivery.csproj, EmbeddedResource).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

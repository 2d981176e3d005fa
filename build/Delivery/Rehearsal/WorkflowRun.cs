using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>One triggered workflow of a rehearsal: its model, its run id, its event payload and its artifacts.</summary>
public sealed class WorkflowRun
{
    public WorkflowRun(RehearsalSession rehearsal, ParsedWorkflow workflow, int index, JsonObject payload)
    {
        Rehearsal = rehearsal;
        FileName = workflow.FileName;
        Model = workflow.Model!;
        RunId = rehearsal.RunId + index.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        Directory = rehearsal.RunDirectory / Path.GetFileNameWithoutExtension(FileName);
        System.IO.Directory.CreateDirectory(Directory);
        Artifacts = new ArtifactStore(Directory / "artifacts");
        Payload = payload;
    }

    public RehearsalSession Rehearsal { get; }

    public string FileName { get; }

    public JsonObject Model { get; }

    public string RunId { get; }

    public AbsolutePath Directory { get; }

    public ArtifactStore Artifacts { get; }

    public JsonObject Payload { get; }

    public string Name => Model["name"]?.ToString() ?? $".github/workflows/{FileName}";
}

using System.Text.Json.Nodes;

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/setup-dotnet: instead of downloading the SDK, the host's own (mounted read-only in every job) goes on
/// PATH once it satisfies the requested version (global-json-file or dotnet-version) as the action would.
/// </summary>
public sealed class SetupDotnet : IActionEquivalent
{
    public string Action => "actions/setup-dotnet";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var requested = step.Input("dotnet-version");
        if (requested.Length == 0 && step.Input("global-json-file") is { Length: > 0 } globalJson)
        {
            var file = job.ResolvePath(globalJson);
            if (!File.Exists(file))
            {
                return ActionOutcome.Failed($"The specified global.json file '{globalJson}' does not exist");
            }

            requested = JsonNode.Parse(await File.ReadAllTextAsync(file))?["sdk"]?["version"]?.ToString() ?? "";
        }

        var sdks = await job.Container.ExecAsync([$"{RunnerSettings.DotnetMount}/dotnet", "--list-sdks"], new Dictionary<string, string>(), "/", logOutput: false);
        var versions = sdks.StandardOutputLines.Select(line => line.Split(' ')[0]).Where(version => version.Length > 0).ToList();
        // global.json's latestPatch (and the action's x.y.z): the same feature band, at least the patch asked for.
        var match = versions.FirstOrDefault(version => Satisfies(version, requested));
        if (match is null)
        {
            return ActionOutcome.Failed(
                $"The .NET SDK {requested} is not on this machine (it has {string.Join(", ", versions)}); the rehearsal uses the host's SDK instead of downloading one. Install it or change global.json.");
        }

        job.AddPath(RunnerSettings.DotnetMount);
        job.ExportedEnvironment["DOTNET_ROOT"] = RunnerSettings.DotnetMount;
        step.Outputs["dotnet-version"] = match;
        return ActionOutcome.Done($"the host's .NET SDK {match} (mounted read-only); nothing downloaded");
    }

    public static bool Satisfies(string installed, string requested)
    {
        if (requested.Length == 0)
        {
            return true;
        }

        var want = requested.Split('.');
        var have = installed.Split('-')[0].Split('.');
        if (have.Length < 3 || want.Length < 2 || want[0] != have[0] || (want[1] != "x" && want[1] != have[1]))
        {
            return false;
        }

        if (want.Length < 3 || want[2] is "x" or "*")
        {
            return true;
        }

        return int.TryParse(want[2], out var wantPatch) && int.TryParse(have[2], out var havePatch)
            && wantPatch / 100 == havePatch / 100 && havePatch >= wantPatch;
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>Where a rehearsal keeps its files, and what plays the runner.</summary>
public sealed record RehearsalOptions(
    AbsolutePath Root,
    AbsolutePath WorkflowHostDirectory,
    AbsolutePath RunDirectory,
    AbsolutePath CacheDirectory,
    RunnerSettings Runner);

/// <summary>
/// Rehearses the committed workflows for one event, as GitHub would run them (docs/rehearsal.md): prepares the
/// repository, parses every workflow with GitHub's parser (a rejected one stops the rehearsal before any job runs),
/// keeps those the event triggers, checks the engine and the runner image, starts GitHub's stand-ins and runs each
/// workflow's jobs. Everything it starts is stopped when it ends, however it ends.
/// </summary>
public static class Rehearsal
{
    public static async Task<RehearsalReport> RunAsync(
        RehearsalRequest request, RehearsalOptions options, RehearsalTools tools, Serilog.ILogger log,
        Func<RehearsalRepository, Task<IGitHubServicesHandle>> startGitHub, Action<string> addSecret)
    {
        var clock = Stopwatch.StartNew();
        PruneEarlierRuns(options.RunDirectory.Parent, log);
        Directory.CreateDirectory(options.RunDirectory);
        var repository = await RehearsalRepository.PrepareAsync(tools, options.Root, options.RunDirectory, request);
        var notes = new List<string>();
        var changes = await tools.Git(["-C", options.Root, "status", "--porcelain", "--untracked-files=no"], new ToolOptions { LogOutput = false });
        if (changes.StandardOutput.Trim().Length > 0)
        {
            log.Warning("The working tree has uncommitted changes: the rehearsal runs the commit {Sha}, as GitHub would after a push; commit to rehearse them.", repository.Sha[..7]);
            notes.Add($"uncommitted changes were not rehearsed (the commit {repository.Sha[..7]} was)");
        }

        if (repository.Note is not null)
        {
            notes.Add(repository.Note);
        }

        await using var host = await WorkflowHost.StartAsync(tools, options.WorkflowHostDirectory, log);
        var workflows = await ParseAsync(tools, host, repository, request.Workflow);
        var triggered = workflows.Where(workflow => TriggerFilter.Fires(workflow.Model!["on"] as JsonObject ?? [], request.EventName,
            request.IsPullRequest ? GitReference.Branch(repository.DefaultBranch) : request.Ref, repository.DefaultBranch)).ToList();
        foreach (var skipped in workflows.Except(triggered))
        {
            notes.Add($"{skipped.FileName}: not triggered by {request.EventName} {request.Ref}");
            if (request.Workflow is not null)
            {
                throw new BuildFailedException($"{skipped.FileName} is not triggered by {request.EventName} on {request.Ref}: check its on: section, or rehearse another event or ref.");
            }
        }

        // Only now the engine: a workflow GitHub would reject is reported without one.
        await CheckEngineAsync(tools, options.Runner.Image);
        await RunnerContainer.RemoveLeftoversAsync(tools);
        await using var github = await startGitHub(repository);
        await using var toolsMirror = await RehearsalToolsMirror.StartAsync(await CommittedToolsTableAsync(tools, repository), options.RunDirectory / "tools-mirror");
        var session = new RehearsalSession(request, repository, tools, log, host, github.Services, options.Runner, options.RunDirectory,
            new CacheStore(options.CacheDirectory), Actions.ActionCatalog.All, addSecret, toolsMirror);
        var results = new List<JobResult>();
        var index = 0;
        foreach (var workflow in triggered)
        {
            var payload = EventPayload.For(request, repository, Schedule(workflow.Model!), DispatchInputs(workflow.Model!));
            results.AddRange(await WorkflowRunner.RunAsync(new WorkflowRun(session, workflow, ++index, payload)));
        }

        notes.AddRange(github.Notes);
        notes.AddRange(toolsMirror.Notes);
        notes.Add(toolsMirror.Served);
        return new RehearsalReport(request.EventName, request.IsPullRequest ? $"{repository.Ref} ({request.Ref} into {repository.DefaultBranch})" : request.Ref.Value,
            request.Fork, repository.Sha, [.. triggered.Select(workflow => workflow.FileName)], results, notes, clock.Elapsed);
    }

    /// <summary>Earlier rehearsals' folders (workspaces with their builds: hundreds of MB each) beyond the last few.</summary>
    private static void PruneEarlierRuns(AbsolutePath runs, Serilog.ILogger log)
    {
        const int Kept = 3;
        if (!runs.DirectoryExists())
        {
            return;
        }

        foreach (var earlier in Directory.EnumerateDirectories(runs).Order(StringComparer.Ordinal).SkipLast(Kept))
        {
            try
            {
                Directory.Delete(earlier, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Jobs write as the runner user (uid 1001): a host user other than root may not delete what they wrote.
                log.Warning("Could not delete the earlier rehearsal {Folder} ({Message}); delete it with sudo rm -rf.", earlier, exception.Message);
            }
        }
    }

    private static async Task CheckEngineAsync(RehearsalTools tools, string image)
    {
        var engine = await tools.Docker(["version", "--format", "{{.Server.Version}}"],
            new ToolOptions { LogOutput = false, ThrowOnFailure = false, InstallHint = "Install Docker: the rehearsal runs every job in a container." });
        if (!engine.Succeeded)
        {
            throw new BuildFailedException(
                "No Docker engine answers (docker version failed): start one (sudo scripts/ci/setup-offline.sh on an offline Debian machine, Docker Desktop elsewhere) and rehearse again.");
        }

        var runner = await tools.Docker(["image", "inspect", "--format", "{{.Id}}", image], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        if (!runner.Succeeded)
        {
            throw new BuildFailedException($"The runner image {image} is not in the engine: build it with sudo scripts/ci/setup-offline.sh (or scripts/ci/build-runner-image.sh).");
        }
    }

    /// <summary>The committed workflows (not the working tree's), each parsed and validated by GitHub's parser.</summary>
    private static async Task<List<ParsedWorkflow>> ParseAsync(RehearsalTools tools, WorkflowHost host, RehearsalRepository repository, string? only)
    {
        var quiet = new ToolOptions { LogOutput = false };
        var listed = await tools.Git(["-C", repository.OriginDirectory, "ls-tree", "--name-only", repository.Sha, ".github/workflows/"], quiet);
        var files = listed.StandardOutputLines.Select(Path.GetFileName).OfType<string>()
            .Where(name => name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        if (only is not null && !files.Contains(only))
        {
            throw new BuildFailedException(
                $"--rehearse-workflow {only}: no such file in .github/workflows/ of {repository.Sha[..7]} (committed: {string.Join(", ", files)}). Pass a file name from that list.");
        }

        var parsed = new List<ParsedWorkflow>();
        foreach (var file in files.Where(file => only is null || file == only))
        {
            var content = (await tools.Git(["-C", repository.OriginDirectory, "show", $"{repository.Sha}:.github/workflows/{file}"], quiet)).StandardOutput;
            parsed.Add(await host.ParseAsync(file, content));
        }

        var rejected = parsed.Where(workflow => workflow.Errors.Count > 0).ToList();
        if (rejected.Count > 0)
        {
            throw new BuildFailedException("GitHub would reject the workflow (no job was run): " +
                string.Join("; ", rejected.SelectMany(workflow => workflow.Errors.Select(error => $".github/workflows/{workflow.FileName}: {error}"))));
        }

        return parsed;
    }

    /// <summary>The rehearsed commit's scripts/ci/tools.lock (empty when it has none: every install step then fails by name).</summary>
    private static async Task<string> CommittedToolsTableAsync(RehearsalTools tools, RehearsalRepository repository)
    {
        var table = await tools.Git(["-C", repository.OriginDirectory, "show", $"{repository.Sha}:{ToolsTable.RepositoryPath}"],
            new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        return table.Succeeded ? table.StandardOutput : "";
    }

    private static string? Schedule(JsonObject model) => (model["on"]?["schedule"] as JsonArray)?.FirstOrDefault()?["cron"]?.ToString();

    private static JsonObject DispatchInputs(JsonObject model)
    {
        var inputs = new JsonObject();
        foreach (var (name, input) in model["on"]?["workflow_dispatch"]?["inputs"] as JsonObject ?? [])
        {
            inputs[name] = input?["default"]?.DeepClone() ?? "";
        }

        return inputs;
    }
}

/// <summary>GitHub's stand-ins while a rehearsal runs; disposing stops them.</summary>
public interface IGitHubServicesHandle : IAsyncDisposable
{
    IGitHubServices Services { get; }

    /// <summary>What the stand-ins noticed for the report (requests they refused, …).</summary>
    IReadOnlyList<string> Notes { get; }
}

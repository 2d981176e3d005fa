using BuildEngine;
using Delivery.Rehearsal;
using Tooling;

/// <summary>
/// Rehearse: the committed workflows run here, job by job, as GitHub would run them for one event (docs/rehearsal.md):
/// GitHub's own parser and expression engine, a fresh runner container per job with only what its steps install,
/// local equivalents of the actions, tokens scoped by permissions: and GitHub's API and GHCR played by stand-ins.
/// </summary>
partial class Build
{
    [Parameter("Event to rehearse the workflows for: push, pull_request, schedule or workflow_dispatch.")]
    readonly string RehearseEvent = "push";

    [Parameter("Ref the event is for, e.g. refs/heads/main or refs/tags/v1.2.3 (a tag that does not exist is created on HEAD). For pull_request: the head branch, merged into the default branch. Default: the current branch.")]
    readonly string? RehearseRef;

    [Parameter("Rehearse a pull request from a fork: a read-only token and no secrets, as GitHub gives forks.")]
    readonly bool RehearseFork;

    [Parameter("One workflow file to rehearse (e.g. docker-build.yml). Default: every workflow the event triggers.")]
    readonly string? RehearseWorkflow;

    AbsolutePath RehearsalDirectory => ArtifactsDirectory / "rehearsal";

    Target Rehearse => _ => _
        .Description("Runs the committed workflows locally as GitHub would.")
        .Produces(RehearsalDirectory / "report.*")
        .Executes(async () =>
        {
            // A rehearsal that fails before its report leaves no earlier rehearsal's verdict behind.
            if (Directory.Exists(RehearsalDirectory))
            {
                Directory.Delete(RehearsalDirectory, recursive: true);
            }

            var request = await RehearsalRequestAsync();
            var options = new RehearsalOptions(RootDirectory, RootDirectory / "build" / "workflow-host",
                // One folder per rehearsal: two in the same second (the tests run them back to back) must not share one.
                TemporaryDirectory / "rehearsal" / $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
                TemporaryDirectory / "rehearsal-cache", RehearsalRunner());
            var report = await Rehearsal.RunAsync(request, options, RehearsalTools, Log,
                repository => GitHubStandInServices.StartAsync(repository, options.RunDirectory / "ghcr"), secret => Secrets.Add(secret));
            report.Write(RehearsalDirectory);
            Host.WriteLine(report.ToText());
            Host.PublishSummary(report.ToMarkdown());
            if (!report.Succeeded)
            {
                var failed = report.Jobs.Where(job => job.Conclusion is not ("success" or "skipped")).ToList();
                throw new BuildFailedException(
                    $"The rehearsal of {request.EventName} {request.Ref} failed: {string.Join("; ", failed.Select(job => $"{job.Workflow} / {job.Name}: {job.Error}"))}. Details: {(RehearsalDirectory / "report.md").RelativeTo(RootDirectory)}.");
            }
        });

    async Task<RehearsalRequest> RehearsalRequestAsync()
    {
        var eventName = RehearsalRequest.CheckEvent(RehearseEvent);
        if (RehearseFork && eventName != "pull_request")
        {
            throw new BuildFailedException("--rehearse-fork is about pull requests: add --rehearse-event pull_request, or drop --rehearse-fork.");
        }

        GitReference reference;
        if (eventName == "schedule")
        {
            // GitHub runs every schedule on the default branch's latest commit.
            reference = GitReference.Branch(await RehearsalRepository.DefaultBranchAsync(RehearsalTools, RootDirectory));
            if (RehearseRef is not null && RehearseRef != reference.Value)
            {
                throw new BuildFailedException($"Scheduled workflows run on the default branch only: drop --rehearse-ref or pass {reference}.");
            }
        }
        else
        {
            reference = RehearseRef is not null ? GitReference.Parse(RehearseRef) : await CurrentBranchAsync();
        }

        return new RehearsalRequest(eventName, reference, RehearseFork, RehearseWorkflow);
    }

    async Task<GitReference> CurrentBranchAsync()
    {
        var branch = await Tools.RunAsync("git", ["-C", RootDirectory, "symbolic-ref", "--quiet", "HEAD"], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        return branch.Succeeded
            ? GitReference.Parse(branch.StandardOutput.Trim())
            : throw new BuildFailedException("HEAD is detached, so there is no current branch to rehearse: pass --rehearse-ref (e.g. refs/heads/main).");
    }

    /// <summary>
    /// The runner stand-in, and what this machine's jobs need that GitHub's runners do not: the base images of this
    /// build's own parameters when they are not Microsoft's (the offline profile's stand-ins) and its build network.
    /// </summary>
    RunnerSettings RehearsalRunner()
    {
        var environment = new Dictionary<string, string>();
        var standIns = new List<string>();
        if (SdkImage != DefaultSdkImage || RuntimeImage != DefaultRuntimeImage)
        {
            environment["SDK_IMAGE"] = SdkImage;
            environment["RUNTIME_IMAGE"] = RuntimeImage;
            standIns.Add($"base images: {SdkImage} and {RuntimeImage} (this build's --sdk-image/--runtime-image) instead of mcr.microsoft.com");
        }

        if (!string.IsNullOrEmpty(BuildNetwork))
        {
            environment["BUILD_NETWORK"] = BuildNetwork;
            standIns.Add($"image builds use --network {BuildNetwork} (this machine's engine has no bridge network)");
        }

        // The SDK running this build: its root is three folders above the runtime's (shared/Microsoft.NETCore.App/<version>).
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return new RunnerSettings(RunnerSettings.DefaultImage, dotnetRoot, environment, standIns)
        {
            DockerSocket = RunnerContainer.DockerSocket(EnvironmentVariables),
        };
    }
}

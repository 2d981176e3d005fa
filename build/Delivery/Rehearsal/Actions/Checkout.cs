using System.Text;

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/checkout: a fresh clone of the event's commit from the rehearsal's origin (a bare clone of this
/// repository, file://, instead of github.com), with the action's fetch-depth (0 = all history and tags),
/// ref/branch checkout and persist-credentials (the token in the clone's git config, as the action leaves it).
/// </summary>
public sealed class Checkout : IActionEquivalent
{
    public string Action => "actions/checkout";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var repository = job.Run.Rehearsal.Repository;
        var depth = int.TryParse(step.Input("fetch-depth", "1"), out var parsed) ? parsed : 1;
        var reference = step.Input("ref", repository.Ref);
        var workspace = step.Input("path") is { Length: > 0 } path ? job.ResolvePath(path) : job.Paths.Workspace.Value;
        var (fetchRef, checkout) = reference switch
        {
            _ when reference.StartsWith("refs/heads/", StringComparison.Ordinal) =>
                ($"+{repository.Sha}:refs/remotes/origin/{reference["refs/heads/".Length..]}",
                 $"git checkout --progress --force -B {reference["refs/heads/".Length..]} refs/remotes/origin/{reference["refs/heads/".Length..]}"),
            _ when reference.StartsWith("refs/tags/", StringComparison.Ordinal) =>
                ($"+{repository.Sha}:{reference}", $"git checkout --progress --force {reference}"),
            _ => ($"+{repository.Sha}:refs/remotes/pull/{RehearsalRepository.PullRequestNumber}/merge",
                  $"git checkout --progress --force refs/remotes/pull/{RehearsalRepository.PullRequestNumber}/merge"),
        };

        var script = new StringBuilder()
            .AppendLine($"mkdir -p '{workspace}' && cd '{workspace}'")
            .AppendLine("git init -q . && git config --local gc.auto 0")
            .AppendLine($"git remote add origin 'file://{job.Paths.Origin}'")
            .AppendLine(depth == 0
                ? $"git -c protocol.version=2 fetch --prune --no-recurse-submodules origin '+refs/heads/*:refs/remotes/origin/*' '+refs/tags/*:refs/tags/*'" +
                  (reference.StartsWith("refs/pull/", StringComparison.Ordinal) ? $" '{fetchRef}'" : "")
                : $"git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth={depth} origin '{fetchRef}'")
            .AppendLine(checkout)
            .AppendLine("git log -1 --format='HEAD is now at %h %s'");
        if (step.Flag("persist-credentials", true))
        {
            // What the action leaves behind: later steps' git (and anything reading .git/config) holds the token.
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{job.Token}"));
            script.AppendLine($"git config --local 'http.{job.Run.Rehearsal.GitHub.ServerUrl}.extraheader' 'AUTHORIZATION: basic {basic}'");
        }

        var result = await job.ShellAsync(script.ToString(), logOutput: true);
        step.Outputs["ref"] = reference;
        step.Outputs["commit"] = repository.Sha;
        return result.Succeeded
            ? ActionOutcome.Done("fetched from the rehearsal's origin (file://, a bare clone of this repository) instead of github.com")
            : ActionOutcome.Failed($"git exited with code {result.ExitCode}: {string.Join(" ", result.StandardErrorLines.TakeLast(3))}");
    }
}

namespace Delivery.Rehearsal.Actions;

/// <summary>
/// actions/cache against the rehearsal's cache store (scoped per ref like GitHub's): restore on the step (exact key,
/// then restore-keys by prefix; output cache-hit), save in the post step when the job succeeded and the key was
/// not an exact hit.
/// </summary>
public sealed class Cache : IActionEquivalent
{
    public string Action => "actions/cache";

    public async Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        var job = step.Job;
        var rehearsal = job.Run.Rehearsal;
        var key = step.Input("key");
        var paths = step.Lines("path").Select(job.ResolvePath).ToList();
        if (key.Length == 0 || paths.Count == 0)
        {
            return ActionOutcome.Failed("Input required and not supplied: " + (key.Length == 0 ? "key" : "path"));
        }

        var scope = rehearsal.Repository.Ref;
        var scopes = new[] { scope, $"refs/heads/{rehearsal.Repository.DefaultBranch}" }.Distinct().ToList();
        var entry = rehearsal.Cache.Find(scopes, key, step.Lines("restore-keys"));
        var exactHit = entry is not null && CacheStore.KeyOf(entry) == key;
        if (entry is not null)
        {
            var local = job.Paths.Temp / $"cache-{Guid.NewGuid():N}.tar";
            File.Copy(entry, local);
            FileModes.SharedFile(local);
            var restored = await job.ShellAsync($"tar -C / -xf '{local}' && rm -f '{local}'");
            if (!restored.Succeeded)
            {
                return ActionOutcome.Failed($"The cache entry {CacheStore.KeyOf(entry)} could not be extracted: {string.Join(" ", restored.StandardErrorLines.TakeLast(2))}");
            }
        }

        job.Caches.Add(entry is null ? $"actions/cache: {key}: nothing to restore" : $"actions/cache: {key}: restored {CacheStore.KeyOf(entry)}");
        step.Outputs["cache-hit"] = exactHit ? "true" : "false";
        step.Outputs["cache-matched-key"] = entry is null ? "" : CacheStore.KeyOf(entry);
        job.PostSteps.Add(($"Post {step.With.GetValueOrDefault("key", "cache")}", status => SaveAsync(job, status, scope, key, paths, exactHit)));
        return ActionOutcome.Done(entry is null
            ? "the rehearsal's local cache store (scoped per ref): no entry yet"
            : $"the rehearsal's local cache store (scoped per ref): restored {CacheStore.KeyOf(entry)}");
    }

    private static async Task<ActionOutcome> SaveAsync(JobContext job, JobStatus status, string scope, string key, IReadOnlyList<string> paths, bool exactHit)
    {
        var cache = job.Run.Rehearsal.Cache;
        if (status != JobStatus.Success || exactHit || cache.Contains(scope, key))
        {
            return ActionOutcome.Done(exactHit ? "cache hit: not saved again" : status != JobStatus.Success ? "job failed: not saved" : "key saved by another job: not saved");
        }

        var archive = job.Paths.Temp / $"save-{Guid.NewGuid():N}.tar";
        var relative = string.Join(' ', paths.Select(path => $"'{path.TrimStart('/')}'"));
        var saved = await job.ShellAsync($"cd / && existing=(); for p in {relative}; do [ -e \"$p\" ] && existing+=(\"$p\"); done; " +
                                         $"if [ ${{#existing[@]}} -eq 0 ]; then echo 'Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.' >&2; exit 3; fi; " +
                                         $"tar -C / -cf '{archive}' \"${{existing[@]}}\"");
        if (!saved.Succeeded)
        {
            // As on GitHub: a cache that cannot be saved is a warning, never a failed job.
            return ActionOutcome.Done($"not saved: {string.Join(" ", saved.StandardErrorLines.TakeLast(1))}");
        }

        cache.Save(scope, key, archive);
        job.Caches.Add($"actions/cache: {key}: saved (scope {scope})");
        return ActionOutcome.Done($"saved {key} to the rehearsal's local cache store (scope {scope})");
    }
}

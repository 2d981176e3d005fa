using BuildEngine;
using Serilog;

namespace Delivery.Registry;

/// <summary>
/// Tags the built image with every reference and pushes them one by one, in the given order, retrying
/// transient registry errors with back-off. Stops at the first reference that cannot be pushed, so a later
/// one (<c>latest</c> above all) never moves after an earlier push failed.
/// </summary>
/// <param name="docker">Runs the docker CLI (<c>DockerCli.RunAsync</c> in the build; a stand-in in tests).</param>
/// <param name="backoff">How often and how patiently a transient error is retried.</param>
/// <param name="delay">Waits between attempts (<c>Task.Delay</c>; tests pass one that does not sleep).</param>
public sealed class ImagePusher(
    Func<IEnumerable<string>, ToolOptions?, Task<ToolResult>> docker, Backoff backoff, Func<TimeSpan, Task>? delay = null)
{
    private readonly Func<TimeSpan, Task> wait = delay ?? (span => Task.Delay(span));

    public async Task<PushResult> PushAsync(string imageId, IReadOnlyList<string> references, IRegistrySession session)
    {
        var pushed = new List<string>();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            await docker(["tag", imageId, reference], null);
            var (result, error) = await PushWithRetriesAsync(reference, session);
            if (error is not null)
            {
                return new PushResult(pushed, [.. references.Skip(pushed.Count)], digests.FirstOrDefault(), error);
            }

            pushed.Add(reference);
            if (DockerPushOutput.TryReadDigest(result!.StandardOutputLines) is { } digest)
            {
                digests.Add(digest);
            }
        }

        return digests.Count switch
        {
            1 => new PushResult(pushed, [], digests.Single(), null),
            0 => new PushResult(pushed, [], null, "docker push printed no digest."),
            _ => new PushResult(pushed, [], null, $"The tags were pushed as different manifests ({string.Join(", ", digests)}); expected one image."),
        };
    }

    private async Task<(ToolResult? Result, string? Error)> PushWithRetriesAsync(string reference, IRegistrySession session)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await docker(["push", reference], new ToolOptions { Environment = session.Environment, ThrowOnFailure = false });
            if (result.Succeeded)
            {
                return (result, null);
            }

            var lines = result.StandardErrorLines.Concat(result.StandardOutputLines).Where(line => line.Trim().Length > 0).ToList();
            var reason = DockerPushOutput.FailureCause(result);
            if (!RegistryErrors.IsTransient(lines))
            {
                return (null, $"{reference} was rejected: {reason}");
            }

            if (attempt >= backoff.Attempts)
            {
                return (null, $"{reference} failed {attempt} times: {reason}");
            }

            var pause = backoff.DelayBefore(attempt + 1);
            Log.Warning("Pushing {Reference} failed ({Reason}); attempt {Next} of {Attempts} in {Delay:0.#} s",
                reference, reason, attempt + 1, backoff.Attempts, pause.TotalSeconds);
            await wait(pause);
        }
    }
}

using Delivery.Resilience;
using Serilog;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// Tags the built image with every reference and pushes them one by one, in the given order, retrying
/// transient registry errors with jittered back-off (<see cref="DockerPushRetry"/>). Stops at the first reference that cannot be pushed, so a later
/// one (<c>latest</c> above all) never moves after an earlier push failed.
/// </summary>
/// <param name="docker">Runs the docker CLI (<c>DockerCli.RunAsync</c> in the build; a stand-in in tests).</param>
/// <param name="backoff">How often and how patiently a transient error is retried.</param>
/// <param name="log">Where a retry is announced (the build's logger).</param>
/// <param name="time">The clock the waits run on (the system's; tests pass a fake one).</param>
public sealed class ImagePusher(
    Tool docker, Backoff backoff, ILogger log, TimeProvider? time = null)
{
    private readonly DockerPushRetry retry = new(backoff, time ?? TimeProvider.System, "Pushing", log);

    public async Task<PushResult> PushAsync(string imageId, IReadOnlyList<string> references, IRegistrySession session)
    {
        var pushed = new List<string>();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            await docker(["tag", imageId, reference]);
            var (result, error) = await retry.RunAsync(reference,
                () => docker(["push", reference], new ToolOptions { Environment = session.Environment, ThrowOnFailure = false }));
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
}

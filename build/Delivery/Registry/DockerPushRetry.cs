using Delivery.Resilience;
using Serilog;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// Runs one docker command that writes to a registry (<c>docker push</c>, <c>buildx imagetools create</c>) under
/// <see cref="RetryPolicies.DockerPushes"/>: a transient failure (<see cref="RegistryErrors"/>) is retried with the
/// jittered back-off, a permanent one (rejected credentials, unknown repository) ends it at once.
/// </summary>
/// <param name="action">What the command does, for the warning before a retry ("Pushing", "Creating the index").</param>
public sealed class DockerPushRetry(Backoff backoff, TimeProvider time, string action, ILogger log)
{
    /// <summary>The successful result, or why <paramref name="reference"/> could not be written (as the push result reports it).</summary>
    public async Task<(ToolResult? Result, string? Error)> RunAsync(string reference, Func<Task<ToolResult>> run)
    {
        var attempts = 0;
        var pipeline = RetryPolicies.DockerPushes(backoff, time, result => RegistryErrors.IsTransient(ErrorLines(result)), retry =>
            log.Warning("{Action} {Reference} failed ({Reason}); attempt {Next} of {Attempts} in {Delay:0.#} s",
                action, reference, DockerPushOutput.FailureCause(retry.Outcome.Result!), retry.AttemptNumber + 2, backoff.Attempts, retry.RetryDelay.TotalSeconds));
        var result = await pipeline.ExecuteAsync(async _ =>
        {
            attempts++;
            return await run();
        });
        if (result.Succeeded)
        {
            return (result, null);
        }

        var reason = DockerPushOutput.FailureCause(result);
        return RegistryErrors.IsTransient(ErrorLines(result))
            ? (null, $"{reference} failed {attempts} times: {reason}")
            : (null, $"{reference} was rejected: {reason}");
    }

    private static List<string> ErrorLines(ToolResult result) =>
        [.. result.StandardErrorLines.Concat(result.StandardOutputLines).Where(line => line.Trim().Length > 0)];
}

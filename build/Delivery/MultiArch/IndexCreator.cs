using BuildEngine;
using Delivery.Registry;
using Serilog;

namespace Delivery.MultiArch;

/// <summary>
/// Merges pushed platform manifests into one tagged index, one tag at a time in the given order (immutable tags
/// first, <c>latest</c> last, see <see cref="PushOrder"/>), retrying transient registry errors. Every run builds the
/// same index (same sources, same sorted annotations), so every tag must come out with one digest; the first tag
/// that cannot be created stops the rest, so <c>latest</c> never moves after an earlier failure.
/// </summary>
public sealed class IndexCreator(
    Func<IEnumerable<string>, ToolOptions?, Task<ToolResult>> docker, Backoff backoff, Func<TimeSpan, Task>? delay = null)
{
    private readonly Func<TimeSpan, Task> wait = delay ?? (span => Task.Delay(span));

    public async Task<PushResult> CreateAsync(
        IReadOnlyList<string> references, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> sources, IRegistrySession session)
    {
        var pushed = new List<string>();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var error = await CreateWithRetriesAsync(ImageIndexArguments.Create([reference], labels, sources), reference, session);
            if (error is null)
            {
                var inspect = await docker(ImageIndexArguments.InspectDescriptor(reference),
                    new ToolOptions { Environment = session.Environment, ThrowOnFailure = false, LogOutput = false });
                if (inspect.Succeeded)
                {
                    digests.Add(ImageIndexDocument.DescriptorDigest(string.Join('\n', inspect.StandardOutputLines)));
                }
                else
                {
                    error = $"{reference} was created but could not be read back: {inspect.StandardErrorLines.LastOrDefault(line => line.Trim().Length > 0)?.Trim()}";
                }
            }

            if (error is not null)
            {
                return new PushResult(pushed, [.. references.Skip(pushed.Count)], digests.FirstOrDefault(), error);
            }

            pushed.Add(reference);
        }

        return digests.Count switch
        {
            1 => new PushResult(pushed, [], digests.Single(), null),
            0 => new PushResult(pushed, [], null, "No index was created (no tags)."),
            _ => new PushResult(pushed, [], null, $"The tags point at different indexes ({string.Join(", ", digests)}); expected one."),
        };
    }

    private async Task<string?> CreateWithRetriesAsync(IReadOnlyList<string> arguments, string reference, IRegistrySession session)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await docker(arguments, new ToolOptions { Environment = session.Environment, ThrowOnFailure = false });
            if (result.Succeeded)
            {
                return null;
            }

            var lines = result.StandardErrorLines.Concat(result.StandardOutputLines).Where(line => line.Trim().Length > 0).ToList();
            var reason = DockerPushOutput.FailureCause(result);
            if (!RegistryErrors.IsTransient(lines))
            {
                return $"{reference} was rejected: {reason}";
            }

            if (attempt >= backoff.Attempts)
            {
                return $"{reference} failed {attempt} times: {reason}";
            }

            var pause = backoff.DelayBefore(attempt + 1);
            Log.Warning("Creating the index {Reference} failed ({Reason}); attempt {Next} of {Attempts} in {Delay:0.#} s",
                reference, reason, attempt + 1, backoff.Attempts, pause.TotalSeconds);
            await wait(pause);
        }
    }
}

using Delivery.Registry;
using Delivery.Resilience;
using Serilog;
using Tooling;

namespace Delivery.MultiArch;

/// <summary>
/// Merges pushed platform manifests into one tagged index, one tag at a time in the given order (immutable tags
/// first, <c>latest</c> last, see <see cref="PushOrder"/>), retrying transient registry errors (<see cref="DockerPushRetry"/>). Every run builds the
/// same index (same sources, same sorted annotations), so every tag must come out with one digest; the first tag
/// that cannot be created stops the rest, so <c>latest</c> never moves after an earlier failure.
/// </summary>
public sealed class IndexCreator(
    Tool docker, Backoff backoff, ILogger log, TimeProvider? time = null)
{
    private readonly DockerPushRetry retry = new(backoff, time ?? TimeProvider.System, "Creating the index", log);

    public async Task<PushResult> CreateAsync(
        IReadOnlyList<string> references, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> sources, IRegistrySession session)
    {
        var pushed = new List<string>();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var arguments = ImageIndexArguments.Create([reference], labels, sources);
            var (_, error) = await retry.RunAsync(reference,
                () => docker(arguments, new ToolOptions { Environment = session.Environment, ThrowOnFailure = false }));
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
}

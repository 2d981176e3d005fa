using Delivery.Images;
using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Resilience;

namespace Delivery.Metrics;

/// <summary>
/// Reads the image the branch's moving tag points at, before this run moves it, for the size comparison. Never fails
/// the build and never waits long: every problem (no such tag yet, a refused login, a timeout) becomes the reason in
/// the report.
/// </summary>
public static class PreviousImageLookup
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One attempt: the lookup runs in every build, and a registry that answers 5xx now will not answer within
    /// <see cref="Timeout"/> after the default back-off either.
    /// </summary>
    public static Backoff Backoff => Backoff.SingleAttempt;

    /// <param name="whyNotQuery">From <see cref="RegistryComparisonPolicy"/>: null to query.</param>
    public static async Task<ImageComparison> FindAsync(ImageName name, string? branchTag, TargetPlatform platform, string? whyNotQuery,
        Func<RegistryClient> registry)
    {
        if (branchTag is null)
        {
            return ImageComparison.NotAvailable(null, "not compared: this build has no moving branch tag (a release, a pull request or a detached commit)");
        }

        var reference = name.WithTag(branchTag);
        if (whyNotQuery is not null)
        {
            return ImageComparison.NotAvailable(reference, whyNotQuery);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var manifest = await ManifestSummary.ReadAsync(registry(), name.Repository, branchTag, platform, timeout.Token);
            return manifest is null
                ? ImageComparison.NotAvailable(reference, $"no previous image: {reference} does not exist yet")
                : ImageComparison.Found(reference, manifest.Digest, manifest.CompressedBytes);
        }
        catch (OperationCanceledException)
        {
            return ImageComparison.NotAvailable(reference, $"not compared: {name.Registry} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or Tooling.BuildFailedException
                                              or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return ImageComparison.NotAvailable(reference, $"not compared: {exception.Message.TrimEnd('.')}");
        }
    }
}

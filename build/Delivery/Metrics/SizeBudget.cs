using System.Globalization;
using Tooling;

namespace Delivery.Metrics;

/// <summary>
/// The largest acceptable uncompressed size of the gateway image, in MB (10^6 bytes, as <c>docker image ls</c>
/// counts), and what exceeding it does. Uncompressed, because that is what a node's disk holds and what the
/// engine reports without a registry; the compressed size follows it closely enough to need no budget of its own.
/// </summary>
public sealed record SizeBudget(int LimitMegabytes, SizeBudgetAction Action)
{
    public long LimitBytes => LimitMegabytes * 1_000_000L;

    /// <summary>Fails with a <see cref="BuildFailedException"/> for a limit that is no limit (zero or less).</summary>
    public static SizeBudget Create(int limitMegabytes, SizeBudgetAction action) =>
        limitMegabytes > 0
            ? new SizeBudget(limitMegabytes, action)
            : throw new BuildFailedException(
                $"--image-size-budget-mb must be a positive number of MB (was {limitMegabytes}). Pass e.g. --image-size-budget-mb 200, " +
                "or --image-size-budget-action warn to only warn above it.");

    public bool IsExceededBy(long uncompressedBytes) => uncompressedBytes > LimitBytes;

    /// <summary>What to tell the user about an image of <paramref name="uncompressedBytes"/>; null when it is within the budget.</summary>
    public string? Describe(string image, long uncompressedBytes) =>
        IsExceededBy(uncompressedBytes)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{image} is {uncompressedBytes / 1e6:0.0} MB uncompressed, over the size budget of {LimitMegabytes} MB by {(uncompressedBytes - LimitBytes) / 1e6:0.0} MB. ") +
              "Make the image smaller (docs/operations.md#size-budget), or raise --image-size-budget-mb if the growth is intended."
            : null;
}

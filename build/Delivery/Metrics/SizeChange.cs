using System.Globalization;

namespace Delivery.Metrics;

/// <summary>The change of an image's size against a previous one: <c>+1.2 MB (+1.0 %)</c>, <c>-300.0 kB (-0.2 %)</c>, <c>no change</c>.</summary>
public sealed record SizeChange(long PreviousBytes, long CurrentBytes)
{
    public long DeltaBytes => CurrentBytes - PreviousBytes;

    /// <summary>The change in percent of the previous size; null when there was nothing before (0 bytes).</summary>
    public double? DeltaPercent => PreviousBytes == 0 ? null : DeltaBytes * 100.0 / PreviousBytes;

    public override string ToString()
    {
        if (DeltaBytes == 0)
        {
            return "no change";
        }

        var sign = DeltaBytes > 0 ? "+" : "-";
        var bytes = $"{sign}{ByteSizeText.Format(Math.Abs(DeltaBytes))}";
        return DeltaPercent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} ({sign}{Math.Abs(percent):0.0} %)")
            : bytes;
    }
}

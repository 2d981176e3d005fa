using Delivery.Benchmarks;

namespace Delivery.CiReports;

/// <summary>The two figures the report gives for a set of durations.</summary>
public static class Percentiles
{
    /// <summary>The median; the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values) => Statistics.Median(values);

    /// <summary>
    /// The 90th percentile by nearest rank: the smallest observed value that at least 90 % of the values do not
    /// exceed (sorted[⌈0.9·n⌉ − 1]). Always a duration that really happened, never an interpolation; with fewer
    /// than 10 values it is the maximum.
    /// </summary>
    public static double P90(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        // 9n/10 rounded up, in integers: 0.9 * n in floating point is 8.999… for some n.
        var rank = ((9 * sorted.Length) + 9) / 10;
        return sorted[rank - 1];
    }
}

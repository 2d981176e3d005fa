namespace Delivery.Benchmarks;

public static class Statistics
{
    /// <summary>The median; the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary><paramref name="value"/> / <paramref name="baseline"/>, refusing a baseline that is not a positive figure.</summary>
    public static double Ratio(double value, double baseline) =>
        baseline > 0 && double.IsFinite(baseline)
            ? value / baseline
            : throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "A ratio needs a positive baseline.");
}

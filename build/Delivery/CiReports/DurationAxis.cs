using System.Globalization;

namespace Delivery.CiReports;

/// <summary>A duration axis from zero with round ticks (30 s, 1 min, 5 min, …), at most six of them.</summary>
public sealed class DurationAxis
{
    private static readonly int[] Steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

    public DurationAxis(double maximumSeconds)
    {
        var maximum = Math.Max(maximumSeconds, 1);
        StepSeconds = Steps.FirstOrDefault(step => maximum / step <= 5, Steps[^1]);
        MaximumSeconds = Math.Ceiling(maximum / StepSeconds) * StepSeconds;
    }

    public int StepSeconds { get; }

    /// <summary>The top of the axis: the first tick at or above the largest value.</summary>
    public double MaximumSeconds { get; }

    public IEnumerable<double> Ticks()
    {
        for (double tick = 0; tick <= MaximumSeconds; tick += StepSeconds)
        {
            yield return tick;
        }
    }

    public static string Label(double seconds) => seconds switch
    {
        0 => "0",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
    };
}

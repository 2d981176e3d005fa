using System.Globalization;

namespace Delivery.CiReports;

/// <summary>Durations as people read them: "45s", "4m 05s", "1h 02m".</summary>
public static class DurationText
{
    public static string Format(double seconds)
    {
        var rounded = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{rounded}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{rounded / 60}m {rounded % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{rounded / 3600}h {rounded % 3600 / 60:00}m"),
        };
    }

    public static string Format(double? seconds) => seconds is { } value ? Format(value) : "–";

    /// <summary>A change in percent with its sign: "+14.1 %", "-3.0 %".</summary>
    public static string Change(double percent) =>
        percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}

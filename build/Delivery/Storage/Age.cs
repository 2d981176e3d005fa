using System.Globalization;

namespace Delivery.Storage;

/// <summary>Ages and durations as the cleanup's reasons print them: whole days, or hours below two days.</summary>
public static class Age
{
    public static string Describe(TimeSpan age) =>
        age < TimeSpan.FromDays(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalHours)} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} days");

    /// <summary>A limit in days as a bare number when whole (the parameter's spelling: "&gt; 14").</summary>
    public static string Limit(TimeSpan limit) =>
        limit.TotalDays >= 1 && limit.TotalDays == Math.Floor(limit.TotalDays)
            ? ((int)limit.TotalDays).ToString(CultureInfo.InvariantCulture)
            : Describe(limit);
}

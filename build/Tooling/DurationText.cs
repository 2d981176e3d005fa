using System.Globalization;

namespace Tooling;

/// <summary>How the build shows a duration: the engine's summary and the delivery reports (a rehearsal's jobs) alike.</summary>
public static class DurationText
{
    /// <summary><c>m:ss</c>, or <c>&lt; 1sec</c> for very short targets, as NUKE shows it.</summary>
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1)
            ? "< 1sec"
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00}");
}

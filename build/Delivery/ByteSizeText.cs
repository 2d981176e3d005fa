using System.Globalization;
using System.Text.RegularExpressions;

namespace Delivery;

/// <summary>
/// Byte counts as text, in decimal units (1 MB = 1,000,000 bytes) as docker, BuildKit and registries print them and
/// GitHub's billing counts them: <c>77.35kB</c> read back into bytes, and bytes shown as <c>123.6 MB</c> (the image
/// report and the registry storage tables alike).
/// </summary>
public static partial class ByteSizeText
{
    /// <summary><c>2B</c>, <c>77.35kB</c>, <c>5.00MB</c>, <c>1.5 GiB</c> in bytes; null for anything else.</summary>
    public static long? TryParse(string text)
    {
        var match = Size().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var binary = match.Groups["binary"].Success;
        var exponent = match.Groups["prefix"].Value.ToUpperInvariant() switch
        {
            "" => 0,
            "K" => 1,
            "M" => 2,
            "G" => 3,
            _ => 4,
        };
        return (long)Math.Round(number * Math.Pow(binary ? 1024 : 1000, exponent));
    }

    /// <summary>123_600_000 → <c>123.6 MB</c>; below a kilobyte, <c>512 B</c>.</summary>
    public static string Format(long bytes)
    {
        var magnitude = Math.Abs((double)bytes);
        return magnitude switch
        {
            >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
            >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
            >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        };
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<prefix>[kKMGT]?)(?<binary>i)?B$")]
    private static partial Regex Size();
}

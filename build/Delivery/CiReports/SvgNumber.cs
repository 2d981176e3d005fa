using System.Globalization;

namespace Delivery.CiReports;

/// <summary>Coordinates for SVG: invariant culture, at most one decimal.</summary>
internal static class SvgNumber
{
    public static string Of(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

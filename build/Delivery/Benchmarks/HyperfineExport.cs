using System.Text.Json;

namespace Delivery.Benchmarks;

/// <summary>Reads hyperfine's --export-json file.</summary>
public static class HyperfineExport
{
    /// <summary>The mean of the first command, in seconds.</summary>
    public static double MeanSeconds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("results")[0].GetProperty("mean").GetDouble();
    }
}

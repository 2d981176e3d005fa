namespace Delivery.CiReports;

/// <summary>The colour of a conclusion, shared by the chart bars, the legend and the runs table (GitHub's own palette).</summary>
public static class ConclusionStyle
{
    /// <summary>A CSS class name from a fixed set, never the API's text.</summary>
    public static string ClassOf(string conclusion) => RunOutcomes.Of(conclusion) switch
    {
        RunOutcome.Succeeded => "success",
        RunOutcome.Failed => "failure",
        RunOutcome.Cancelled => "cancelled",
        _ => "other",
    };

    public const string Css = """
        .success { fill: #1a7f37; color: #1a7f37; }
        .failure { fill: #cf222e; color: #cf222e; }
        .cancelled { fill: #8c959f; color: #57606a; }
        .other { fill: #bf8700; color: #9a6700; }
        """;
}

namespace Delivery.CiReports;

/// <summary>
/// Reads the failed target from a check-run annotation: the engine titles a failed target's error
/// "Target &lt;name&gt; failed" (the engine's GitHubActionsHost, whose tests pin that title), so no message text
/// needs parsing. The delivery library reads the title without depending on the engine.
/// </summary>
public static class FailedTargetAnnotation
{
    private const string Prefix = "Target ";
    private const string Suffix = " failed";

    /// <summary>The target's name, or null for any other annotation (warnings, errors outside a target, other tools).</summary>
    public static string? TargetOf(string? level, string? title)
    {
        if (level != "failure" || title is null
            || !title.StartsWith(Prefix, StringComparison.Ordinal)
            || !title.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = title[Prefix.Length..^Suffix.Length].Trim();
        return name.Length > 0 ? name : null;
    }
}

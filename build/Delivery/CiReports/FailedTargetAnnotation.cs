using BuildEngine;

namespace Delivery.CiReports;

/// <summary>
/// Reads the failed target from a check-run annotation: the engine titles a failed target's error
/// "Target &lt;name&gt; failed" (<see cref="GitHubActionsHost"/>), so no message text needs parsing.
/// </summary>
public static class FailedTargetAnnotation
{
    private const string Suffix = " failed";

    /// <summary>The target's name, or null for any other annotation (warnings, errors outside a target, other tools).</summary>
    public static string? TargetOf(string? level, string? title)
    {
        if (level != "failure" || title is null
            || !title.StartsWith(GitHubActionsHost.FailedTargetTitlePrefix, StringComparison.Ordinal)
            || !title.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = title[GitHubActionsHost.FailedTargetTitlePrefix.Length..^Suffix.Length].Trim();
        return name.Length > 0 ? name : null;
    }
}

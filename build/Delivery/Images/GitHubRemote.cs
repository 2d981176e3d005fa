using System.Text.RegularExpressions;

namespace Delivery.Images;

/// <summary>owner/name from a GitHub remote URL (https, ssh or scp-like), so a local build names the image like CI does.</summary>
public static partial class GitHubRemote
{
    public static string? TryGetRepository(string? remoteUrl)
    {
        var match = remoteUrl is null ? Match.Empty : Pattern().Match(remoteUrl.Trim());
        return match.Success ? $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}" : null;
    }

    [GeneratedRegex(@"^(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)(?<owner>[A-Za-z0-9-]+)/(?<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex Pattern();
}

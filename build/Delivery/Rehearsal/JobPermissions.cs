using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// The scopes of a job's GITHUB_TOKEN as GitHub grants them: the job's <c>permissions:</c>, else the workflow's,
/// else the repository default (GitHub's restricted default: contents and packages read); read-all/write-all;
/// scopes not named get none; metadata is always readable. A pull request from a fork gets a read-only token:
/// every write becomes read, and id-token none.
/// </summary>
public static class JobPermissions
{
    /// <summary>Every scope GITHUB_TOKEN can carry.</summary>
    public static readonly IReadOnlyList<string> Scopes =
    [
        "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues", "metadata",
        "models", "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
    ];

    public static SortedDictionary<string, string> Resolve(JsonNode? job, JsonNode? workflow, bool fork)
    {
        var declared = job ?? workflow;
        var granted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (declared)
        {
            case null:
                granted["contents"] = "read";
                granted["packages"] = "read";
                break;
            case JsonValue all when all.ToString() is "read-all" or "write-all":
                foreach (var scope in Scopes.Where(scope => scope != "id-token" || all.ToString() == "write-all"))
                {
                    granted[scope] = all.ToString() == "write-all" ? "write" : "read";
                }

                break;
            case JsonObject scopes:
                foreach (var (scope, level) in scopes)
                {
                    if (level?.ToString() is "read" or "write")
                    {
                        granted[scope] = level.ToString();
                    }
                }

                break;
        }

        granted["metadata"] = "read";
        if (fork)
        {
            granted.Remove("id-token");
            foreach (var scope in granted.Keys.ToList())
            {
                granted[scope] = "read";
            }
        }

        return granted;
    }

    public static bool Allows(IReadOnlyDictionary<string, string> granted, string scope, string level) =>
        granted.TryGetValue(scope, out var has) && (has == "write" || level == "read");
}

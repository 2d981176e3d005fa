using Microsoft.AspNetCore.Routing;

namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Issues work.</summary>
internal static class IssueRoutes
{
    public static void Map(RouteGroupBuilder api, IssueStore store)
    {
    }
}

using Microsoft.AspNetCore.Routing;

namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Actions work.</summary>
internal static class ActionsRoutes
{
    public static void Map(RouteGroupBuilder api, ActionsStore store)
    {
    }
}

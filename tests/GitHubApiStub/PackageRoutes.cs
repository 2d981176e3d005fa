using Microsoft.AspNetCore.Routing;

namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Packages work.</summary>
internal static class PackageRoutes
{
    public static void Map(RouteGroupBuilder api, PackageStore store)
    {
    }
}

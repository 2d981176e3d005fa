namespace Publish.Tests.Infrastructure;

/// <summary>The publishing fixtures' one teardown: untag what they left in the engine, delete their files, stop their registry.</summary>
internal static class FixtureCleanup
{
    /// <param name="registry">Null when set-up failed before the registry started (then nothing was pushed or pulled).</param>
    /// <param name="repository">The fixture's image repository in that registry; read only when it started.</param>
    public static async Task RunAsync(AuthenticatedRegistry? registry, Func<string> repository, params IDisposable?[] resources)
    {
        if (registry is not null)
        {
            await LocalImages.UntagRepositoryAsync(repository());
        }

        foreach (var resource in resources)
        {
            resource?.Dispose();
        }

        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }
}

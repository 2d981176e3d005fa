using Delivery.Git;
using Tooling;

namespace Delivery.Events;

/// <summary>Reads the event context of a build: GitHub's environment when on GitHub Actions, the clone for the rest.</summary>
public static class EventContextReader
{
    /// <summary>The context, with the time read from <paramref name="time"/> once: what <c>{{date …}}</c> tag expressions render.</summary>
    public static async Task<EventContext> ReadAsync(Tool git, string repositoryDirectory, IReadOnlyDictionary<string, string> environment, TimeProvider time)
    {
        var context = EventContextResolver.Resolve(GitHubEvent.FromEnvironment(environment), await LocalCheckout.ReadAsync(new GitCli(git, repositoryDirectory)));
        return context with { Now = time.GetUtcNow() };
    }
}

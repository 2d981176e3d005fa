using BuildEngine;
using Delivery.Git;

namespace Delivery.Events;

/// <summary>Reads the event context of a build: GitHub's environment when on GitHub Actions, the clone for the rest.</summary>
public static class EventContextReader
{
    public static async Task<EventContext> ReadAsync(ToolRunner tools, string repositoryDirectory, IReadOnlyDictionary<string, string> environment) =>
        EventContextResolver.Resolve(GitHubEvent.FromEnvironment(environment), await LocalCheckout.ReadAsync(new GitCli(tools, repositoryDirectory)));
}

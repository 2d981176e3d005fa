using Delivery.Events;

namespace Delivery.Tests;

/// <summary>Event contexts as GitHub Actions describes them, for the table-driven tag tests.</summary>
internal static class Events
{
    public const string Sha = "860c1904a1ce19322e91ac35af1ab07466440c37";
    public const string HeadSha = "fedcba9876543210fedcba9876543210fedcba98";

    public static EventContext Push(string branch, string repository = "Acme/Gateway") =>
        new() { EventName = "push", Ref = EventContext.BranchPrefix + branch, Sha = Sha, Repository = repository };

    public static EventContext Tag(string tag, string repository = "Acme/Gateway") =>
        new() { EventName = "push", Ref = EventContext.TagPrefix + tag, Sha = Sha, Repository = repository };

    public static EventContext PullRequest(int number) =>
        new() { EventName = "pull_request", Ref = $"refs/pull/{number}/merge", Sha = HeadSha, Repository = "Acme/Gateway" };
}

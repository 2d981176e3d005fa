using Delivery.Events;
using Tooling;

// Not Delivery.Tests.Events: the Events helper (the tests' event contexts, tests/Delivery.Tests/Events.cs) owns that name.
namespace Delivery.Tests;

/// <summary>GitHub's environment and event payload, and the local clone as the fallback.</summary>
public sealed class EventContextTests
{
    private static readonly LocalCheckout Local = new("1111111111111111111111111111111111111111", "main", [], null, null);

    private string payloadFile = null!;

    [SetUp]
    public void CreatePayload() => payloadFile = Path.GetTempFileName();

    [TearDown]
    public void DeletePayload() => File.Delete(payloadFile);

    [Test]
    public void Outside_GitHub_Actions_the_clone_describes_the_build()
    {
        var github = GitHubEvent.FromEnvironment(new Dictionary<string, string> { ["GITHUB_REF"] = "refs/heads/elsewhere" });

        var context = EventContextResolver.Resolve(github, Local with { OriginRepository = "Acme/Gateway", DefaultBranch = "trunk" });

        Assert.Multiple(() =>
        {
            Assert.That(github, Is.Null);
            Assert.That(context.EventName, Is.EqualTo("local"));
            Assert.That(context.Ref, Is.EqualTo("refs/heads/main"));
            Assert.That(context.Sha, Is.EqualTo(Local.Sha));
            Assert.That(context.Repository, Is.EqualTo("Acme/Gateway"));
            Assert.That(context.DefaultBranch, Is.EqualTo("trunk"));
            Assert.That(context.IsDefaultBranch, Is.False);
        });
    }

    [Test]
    public void A_tag_at_HEAD_is_built_as_that_tag_locally_preferring_the_highest_version()
    {
        var context = EventContextResolver.Resolve(null, Local with { TagsAtHead = ["v1.2.3-rc.1", "v1.2.3", "other"] });

        Assert.That(context.Ref, Is.EqualTo("refs/tags/v1.2.3"));
    }

    [Test]
    public void A_push_on_GitHub_uses_GitHubs_ref_sha_and_repository()
    {
        var context = Resolve(new()
        {
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_REF"] = "refs/tags/v1.2.3",
            ["GITHUB_SHA"] = Events.Sha,
            ["GITHUB_REPOSITORY"] = "Acme/Gateway",
            ["GITHUB_SERVER_URL"] = "https://github.example.com",
        });

        Assert.Multiple(() =>
        {
            Assert.That(context.Kind, Is.EqualTo(RefKind.Tag));
            Assert.That(context.TagName, Is.EqualTo("v1.2.3"));
            Assert.That(context.Sha, Is.EqualTo(Events.Sha));
            Assert.That(context.RepositoryUrl, Is.EqualTo("https://github.example.com/Acme/Gateway"));
        });
    }

    [Test]
    public void A_pull_request_takes_number_head_sha_and_default_branch_from_the_event_payload()
    {
        File.WriteAllText(payloadFile, $$"""
            { "number": 42, "pull_request": { "number": 42, "head": { "sha": "{{Events.HeadSha}}" } },
              "repository": { "default_branch": "trunk" } }
            """);

        var context = Resolve(new()
        {
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_REF"] = "refs/pull/42/merge",
            ["GITHUB_SHA"] = Events.Sha,
            ["GITHUB_EVENT_PATH"] = payloadFile,
        });

        Assert.Multiple(() =>
        {
            Assert.That(context.Kind, Is.EqualTo(RefKind.PullRequest));
            Assert.That(context.PullRequest, Is.EqualTo(42));
            Assert.That(context.Sha, Is.EqualTo(Events.HeadSha));
            Assert.That(context.DefaultBranch, Is.EqualTo("trunk"));
        });
    }

    [Test]
    public void Without_a_payload_the_pull_request_number_comes_from_the_ref_and_the_sha_from_the_clone()
    {
        var context = Resolve(new() { ["GITHUB_EVENT_NAME"] = "pull_request", ["GITHUB_REF"] = "refs/pull/7/merge" });

        Assert.Multiple(() =>
        {
            Assert.That(context.PullRequest, Is.EqualTo(7));
            Assert.That(context.Sha, Is.EqualTo(Local.Sha));
        });
    }

    [Test]
    public void A_missing_payload_file_fails_saying_so()
    {
        var failure = Assert.Throws<Tooling.BuildFailedException>(() => Resolve(new() { ["GITHUB_EVENT_PATH"] = "/no/such/event.json" }));

        Assert.That(failure!.Message, Does.Contain("GITHUB_EVENT_PATH points to /no/such/event.json"));
    }

    private static EventContext Resolve(Dictionary<string, string> variables)
    {
        variables["GITHUB_ACTIONS"] = "true";
        return EventContextResolver.Resolve(GitHubEvent.FromEnvironment(variables), Local);
    }
}

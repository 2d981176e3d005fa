using System.Text.Json.Nodes;
using Delivery.Rehearsal;

namespace Delivery.Tests.Rehearsal;

public sealed class TriggerFilterTests
{
    private static readonly JsonObject DockerBuild = JsonNode.Parse("""
        { "push": { "branches": ["main"], "tags": ["v*"] }, "pull_request": { "branches": ["main"] }, "workflow_dispatch": {} }
        """)!.AsObject();

    [TestCase("push", "refs/heads/main", true)]
    [TestCase("push", "refs/heads/feature/x", false)]
    [TestCase("push", "refs/tags/v1.2.3", true)]
    [TestCase("push", "refs/tags/release-1", false)]
    [TestCase("pull_request", "refs/heads/feature/x", true)]
    [TestCase("workflow_dispatch", "refs/heads/feature/x", true)]
    [TestCase("schedule", "refs/heads/main", false)]
    public void Docker_build_fires_as_GitHub_would(string eventName, string reference, bool fires) =>
        Assert.That(TriggerFilter.Fires(DockerBuild, eventName, GitReference.Parse(reference), "main"), Is.EqualTo(fires));

    [Test]
    public void A_push_filtered_by_branches_only_ignores_tags_and_the_reverse()
    {
        var branchesOnly = JsonNode.Parse("""{ "push": { "branches": ["**"] } }""")!.AsObject();
        var tagsOnly = JsonNode.Parse("""{ "push": { "tags": ["*"] } }""")!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(TriggerFilter.Fires(branchesOnly, "push", GitReference.Parse("refs/tags/v1"), "main"), Is.False);
            Assert.That(TriggerFilter.Fires(tagsOnly, "push", GitReference.Parse("refs/heads/main"), "main"), Is.False);
            Assert.That(TriggerFilter.Fires(JsonNode.Parse("""{ "push": null }""")!.AsObject(), "push", GitReference.Parse("refs/tags/v1"), "main"), Is.True);
        });
    }

    [TestCase("feature/*", "feature/x", true)]
    [TestCase("feature/*", "feature/x/y", false)]
    [TestCase("feature/**", "feature/x/y", true)]
    [TestCase("v[12].*", "v2.0", true)]
    [TestCase("v[12].*", "v3.0", false)]
    public void Patterns_follow_GitHubs_filter_syntax(string pattern, string name, bool matches) =>
        Assert.That(TriggerFilter.IsMatch(pattern, name), Is.EqualTo(matches));

    [Test]
    public void A_later_negated_pattern_excludes_and_ignore_lists_exclude()
    {
        var on = JsonNode.Parse("""{ "push": { "branches": ["releases/**", "!releases/**-alpha"] }, "pull_request": { "branches-ignore": ["main"] } }""")!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(TriggerFilter.Fires(on, "push", GitReference.Parse("refs/heads/releases/10"), "main"), Is.True);
            Assert.That(TriggerFilter.Fires(on, "push", GitReference.Parse("refs/heads/releases/10-alpha"), "main"), Is.False);
            Assert.That(TriggerFilter.Fires(on, "pull_request", GitReference.Parse("refs/heads/x"), "main"), Is.False);
        });
    }
}

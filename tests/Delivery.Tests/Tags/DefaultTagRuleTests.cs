using Delivery.Events;
using Delivery.Tags;

namespace Delivery.Tests.Tags;

/// <summary>
/// The gateway's default rules (branch, pr, semver {{version}}, {{major}}.{{minor}}, {{major}}, sha, latest=auto,
/// plus GitVersion's SemVer on branch pushes), on the events of metadata-action's documentation.
/// </summary>
public sealed class DefaultTagRuleTests
{
    private const string GitVersionSemVer = "1.2.4-3";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("push to main", Events.Push("main"), "main", "1.2.4-3", "sha-860c190");
        yield return Case("stable release tag", Events.Tag("v1.2.3"), "1.2.3", "1.2", "1", "sha-860c190", "latest");
        yield return Case("release candidate", Events.Tag("v2.0.0-rc.1"), "2.0.0-rc.1", "sha-860c190");
        yield return Case("beta (metadata-action's example)", Events.Tag("v2.0.8-beta.67"), "2.0.8-beta.67", "sha-860c190");
        yield return Case("pull request", Events.PullRequest(42), "pr-42", "sha-fedcba9");
        yield return Case("feature branch", Events.Push("feature/Foo_bar"), "feature-Foo_bar", "1.2.4-3", "sha-860c190");
        yield return Case("branch with odd characters", Events.Push("fix/a b@c"), "fix-a-b-c", "1.2.4-3", "sha-860c190");
        yield return Case("tag that is not semver", Events.Tag("nightly"), "sha-860c190");
        yield return Case("major version zero", Events.Tag("v0.3.1"), "0.3.1", "0.3", "0", "sha-860c190", "latest");
    }

    private static TestCaseData Case(string name, EventContext context, params string[] tags) =>
        new TestCaseData(context, tags).SetName($"{{m}}: {name}");

    [Test]
    public void The_default_text_reads_as_the_former_hand_written_rules()
    {
        // The rule list as it stood in C# before --image-tags (the documented set plus the build version on
        // branches); the default text must give exactly these.
        TagRule[] former = [.. TagRuleTests.DocumentedRules, new RawTagRule(GitVersionSemVer) { Enable = TagCondition.OnBranch }];

        Assert.Multiple(() =>
        {
            Assert.That(DefaultTagRules.Create(GitVersionSemVer), Is.EqualTo(former));
            Assert.That(DefaultTagRules.Flavor, Is.EqualTo(new TagFlavor(LatestMode.Auto)));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Tags_follow_metadata_action(EventContext context, string[] expected)
    {
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create(GitVersionSemVer), DefaultTagRules.Flavor, context);

        Assert.That(tags.Values, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_tag_is_valid_for_docker(EventContext context, string[] expected)
    {
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create(GitVersionSemVer), DefaultTagRules.Flavor, context);

        Assert.That(tags.Values, Has.All.Matches<string>(tag => tag is not null && DockerTag.IsValid(tag)));
    }

    [Test]
    public void Latest_moves_only_on_a_stable_release_tag()
    {
        var events = new[] { Events.Push("main"), Events.Tag("v2.0.0-rc.1"), Events.PullRequest(7), Events.Push("feature/x") };

        Assert.Multiple(() =>
        {
            foreach (var context in events)
            {
                Assert.That(TagEvaluator.Evaluate(DefaultTagRules.Create(GitVersionSemVer), DefaultTagRules.Flavor, context).HasLatest,
                    Is.False, context.Ref);
            }

            Assert.That(TagEvaluator.Evaluate(DefaultTagRules.Create("1.2.3"), DefaultTagRules.Flavor, Events.Tag("v1.2.3")).HasLatest, Is.True);
        });
    }

    [Test]
    public void GitVersion_semver_on_a_branch_is_never_the_main_tag_nor_latest()
    {
        // On the tagged commit of main, GitVersion says 1.2.3: a stable version, still only an extra tag.
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create("1.2.3"), DefaultTagRules.Flavor, Events.Push("main"));

        Assert.Multiple(() =>
        {
            Assert.That(tags.Main, Is.EqualTo("main"));
            Assert.That(tags.Values, Is.EqualTo(new[] { "main", "1.2.3", "sha-860c190" }));
        });
    }
}

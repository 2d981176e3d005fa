using Delivery.Events;
using Delivery.Tags;

namespace Delivery.Tests.Tags;

/// <summary>The rule types, flavors and priorities on their own, as metadata-action documents them.</summary>
public sealed class TagRuleTests
{
    // The pipeline's documented example: rules branch + pr + semver {{version}}, {{major}}.{{minor}}, {{major}} + sha.
    internal static readonly TagRule[] DocumentedRules =
    [
        new RefTagRule(RefKind.Branch),
        new RefTagRule(RefKind.PullRequest),
        new SemverTagRule("{{version}}"),
        new SemverTagRule("{{major}}.{{minor}}"),
        new SemverTagRule("{{major}}"),
        new ShaTagRule(),
    ];

    private static string[] Evaluate(EventContext context, TagFlavor? flavor = null, params TagRule[] rules) =>
        [.. TagEvaluator.Evaluate(rules.Length > 0 ? rules : DocumentedRules, flavor ?? TagFlavor.Default, context).Values];

    [TestCase("refs/tags/v1.2.3", new[] { "1.2.3", "1.2", "1", "sha-860c190", "latest" })]
    [TestCase("refs/heads/main", new[] { "main", "sha-860c190" })]
    [TestCase("refs/pull/42/merge", new[] { "pr-42", "sha-860c190" })]
    public void The_documented_rule_set_gives_the_documented_tags(string reference, string[] expected)
    {
        var context = new EventContext { EventName = "push", Ref = reference, Sha = Events.Sha };

        Assert.That(Evaluate(context), Is.EqualTo(expected));
    }

    [TestCase(LatestMode.True, "refs/heads/main", true)]
    [TestCase(LatestMode.True, "refs/tags/v2.0.0-rc.1", true)]
    [TestCase(LatestMode.False, "refs/tags/v1.2.3", false)]
    [TestCase(LatestMode.Auto, "refs/tags/v1.2.3", true)]
    [TestCase(LatestMode.Auto, "refs/heads/main", false)]
    public void The_latest_flavor_forces_or_derives_latest(LatestMode mode, string reference, bool latest)
    {
        var context = new EventContext { EventName = "push", Ref = reference, Sha = Events.Sha };

        Assert.That(Evaluate(context, new TagFlavor(mode)).Contains("latest"), Is.EqualTo(latest));
    }

    [Test]
    public void A_git_tag_that_is_not_semver_still_gets_latest_from_a_ref_tag_rule()
    {
        Assert.That(Evaluate(Events.Tag("nightly"), null, new RefTagRule(RefKind.Tag), new ShaTagRule()),
            Is.EqualTo(new[] { "nightly", "sha-860c190", "latest" }));
    }

    [Test]
    public void A_raw_pattern_keeps_the_tag_as_written_even_for_a_pre_release()
    {
        Assert.That(Evaluate(Events.Tag("v2.0.0-rc.1"), null, new SemverTagRule("{{raw}}"), new SemverTagRule("{{major}}")),
            Is.EqualTo(new[] { "v2.0.0-rc.1", "2.0.0-rc.1" }));
    }

    [Test]
    public void Flavor_prefix_and_suffix_apply_to_rules_without_their_own_but_not_to_pr_and_sha()
    {
        var flavor = new TagFlavor(LatestMode.Auto, "app-", "-linux");

        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Events.Tag("v1.2.3"), flavor, new SemverTagRule("{{version}}"), new ShaTagRule()),
                Is.EqualTo(new[] { "app-1.2.3-linux", "sha-860c190-linux", "latest" }));
            Assert.That(Evaluate(Events.PullRequest(5), flavor, new RefTagRule(RefKind.PullRequest)), Is.EqualTo(new[] { "pr-5-linux" }));
            Assert.That(Evaluate(Events.Push("main"), flavor, new RefTagRule(RefKind.Branch) { Prefix = "", Suffix = "" }),
                Is.EqualTo(new[] { "main" }));
        });
    }

    [Test]
    public void Sha_rule_can_give_the_long_hash_with_its_own_prefix()
    {
        Assert.That(Evaluate(Events.Push("main"), null, new ShaTagRule(ShaFormat.Long) { Prefix = "git-" }),
            Is.EqualTo(new[] { "git-" + Events.Sha }));
    }

    [Test]
    public void Edge_tags_pushes_to_the_default_branch_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Events.Push("main"), null, new EdgeTagRule()), Is.EqualTo(new[] { "edge" }));
            Assert.That(Evaluate(Events.Push("develop"), null, new EdgeTagRule()), Is.Empty);
            Assert.That(Evaluate(Events.Push("develop"), null, new EdgeTagRule("develop")), Is.EqualTo(new[] { "edge" }));
        });
    }

    [Test]
    public void A_disabled_rule_yields_nothing()
    {
        var rules = new TagRule[] { new RawTagRule("nightly") { Enable = TagCondition.OnDefaultBranch }, new ShaTagRule() };

        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(Events.Push("main"), null, rules), Is.EqualTo(new[] { "nightly", "sha-860c190" }));
            Assert.That(Evaluate(Events.Push("feature/x"), null, rules), Is.EqualTo(new[] { "sha-860c190" }));
        });
    }

    [Test]
    public void Priority_decides_the_main_tag_and_declaration_order_breaks_ties()
    {
        var rules = new TagRule[] { new ShaTagRule(), new RawTagRule("b"), new RawTagRule("a"), new ShaTagRule { Priority = 1000, Prefix = "first-" } };

        Assert.That(Evaluate(Events.Push("main"), null, rules), Is.EqualTo(new[] { "first-860c190", "b", "a", "sha-860c190" }));
    }

    [Test]
    public void Duplicate_values_are_kept_once()
    {
        Assert.That(Evaluate(Events.Push("main"), null, new RawTagRule("x"), new RawTagRule("x"), new RefTagRule(RefKind.Branch) { Prefix = "x", Suffix = "" }),
            Is.EqualTo(new[] { "xmain", "x" }));
    }
}

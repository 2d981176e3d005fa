using Delivery.Events;
using Delivery.Retention;
using Delivery.Tags;

namespace Delivery.Tests.Retention;

/// <summary>The retention classes: what the rules say when they make a tag, and what a cleanup reads from the registry.</summary>
public sealed class RetentionTests
{
    [TestCase("1.2.3", RetentionClass.StableRelease)]
    [TestCase("1.2", RetentionClass.StableRelease)]
    [TestCase("1", RetentionClass.StableRelease)]
    [TestCase("latest", RetentionClass.StableRelease)]
    [TestCase("2.0.0-rc.1", RetentionClass.PreRelease)]
    [TestCase("1.2.4-3", RetentionClass.PreRelease)]
    [TestCase("main", RetentionClass.DefaultBranch)]
    [TestCase("edge", RetentionClass.DefaultBranch)]
    [TestCase("feature-foo", RetentionClass.Branch)]
    [TestCase("pr-42", RetentionClass.PullRequest)]
    [TestCase("sha-860c190", RetentionClass.Commit)]
    public void Registry_tags_are_classified(string tag, RetentionClass expected) =>
        Assert.That(RetentionPolicy.Classify(tag, "main"), Is.EqualTo(expected));

    [Test]
    public void Only_release_candidates_commits_and_pull_requests_expire_by_age_alone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.StableRelease), Is.Null);
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.DefaultBranch), Is.Null);
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.PreRelease), Is.EqualTo(TimeSpan.FromDays(90)));
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.Branch), Is.Null);
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.Commit), Is.EqualTo(TimeSpan.FromDays(14)));
            Assert.That(RetentionPolicy.KeepFor(RetentionClass.PullRequest), Is.EqualTo(TimeSpan.FromDays(14)));
        });
    }

    [TestCase("refs/heads/main", "1.2.4-3")]
    [TestCase("refs/heads/feature/x", "1.3.0-feature-x.1")]
    [TestCase("refs/tags/v1.2.3", "1.2.3")]
    [TestCase("refs/tags/v2.0.0-rc.1", "2.0.0-rc.1")]
    [TestCase("refs/pull/42/merge", "1.3.0-PullRequest42.1")]
    public void The_class_a_rule_gives_is_the_class_a_cleanup_reads_back(string reference, string gitVersion)
    {
        var context = new EventContext { EventName = "push", Ref = reference, Sha = Events.Sha };

        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create(gitVersion), DefaultTagRules.Flavor, context).Tags;

        Assert.That(tags, Has.All.Matches<ImageTag>(tag => tag is not null && RetentionPolicy.Classify(tag.Value, context.DefaultBranch) == tag.Retention));
    }
}

using Delivery.Storage;

namespace Delivery.Tests.Storage;

/// <summary>The retention policy and the reference rules, planned without any I/O.</summary>
public sealed class CleanupPlannerTests
{
    [Test]
    public void Stable_releases_and_latest_are_kept_forever()
    {
        var package = new TestPackage();
        var release = package.MultiArch(400, "1.2.3", "1.2", "1", "sha-860c190", "latest");

        var decision = package.Plan().DecisionFor(release);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Keep, Is.True);
            Assert.That(decision.Reason, Does.Contain("stable release 1.2.3").And.Contain("latest"));
        });
    }

    [Test]
    public void The_last_N_builds_of_the_default_branch_are_kept_and_older_ones_go()
    {
        var package = new TestPackage();
        var builds = Enumerable.Range(1, 12).Select(build => package.Image(40 - build, $"1.2.4-{build}", $"sha-{build:x7}")).ToList();
        var newest = package.Image(20, "main", "1.2.4-13", "sha-000000d");

        var plan = package.Plan(new CleanupPolicy { KeepPerBranch = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeletedDigests(), Is.EquivalentTo(builds.Take(3)));
            Assert.That(plan.DecisionFor(builds[0]).Reason, Does.Contain("1.2.4-1: main build 13, beyond the last 10").And.Contain("sha-0000001, 39 days old > 14"));
            Assert.That(plan.DecisionFor(builds[3]).Reason, Is.EqualTo("1.2.4-4: main build 10 of the last 10"));
            Assert.That(plan.DecisionFor(newest).Reason, Does.StartWith("current image of main"));
        });
    }

    [Test]
    public void Each_branch_has_its_own_lineage_from_its_GitVersion_label()
    {
        var package = new TestPackage();
        var feature = Enumerable.Range(1, 3).Select(build => package.Image(30 - build, $"1.3.0-Foo-bar.{build}")).ToList();
        var main = Enumerable.Range(1, 3).Select(build => package.Image(30 - build, $"1.2.4-{build}")).ToList();

        var plan = package.Plan(new CleanupPolicy { KeepPerBranch = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeletedDigests(), Is.EquivalentTo(new[] { feature[0], main[0] }));
            Assert.That(plan.DecisionFor(feature[0]).Reason, Is.EqualTo("1.3.0-Foo-bar.1: Foo-bar build 3, beyond the last 2"));
        });
    }

    [Test]
    public void Release_candidates_are_not_a_branch_lineage_and_expire_by_age()
    {
        var package = new TestPackage();
        var old = package.Image(100, "2.0.0-rc.1", "sha-aaaaaaa");
        var recent = package.Image(30, "2.0.0-rc.2", "sha-bbbbbbb");
        var recentToo = package.Image(29, "2.0.0-rc.3", "sha-ccccccc");

        var plan = package.Plan(new CleanupPolicy { KeepPerBranch = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeletedDigests(), Is.EqualTo(new[] { old }));
            Assert.That(plan.DecisionFor(old).Reason, Does.Contain("release candidate 2.0.0-rc.1, 100 days old > 90"));
            Assert.That(plan.DecisionFor(recent).Keep && plan.DecisionFor(recentToo).Keep, Is.True);
        });
    }

    [Test]
    public void Pull_request_and_commit_images_expire_after_the_given_days()
    {
        var package = new TestPackage();
        var expired = package.MultiArch(20, "pr-41", "sha-1111111");
        var fresh = package.MultiArch(3, "pr-42", "sha-2222222");
        var commit = package.Image(15, "sha-3333333");

        var plan = package.Plan(new CleanupPolicy { ExpireAfter = TimeSpan.FromDays(14) });

        Assert.Multiple(() =>
        {
            Assert.That(plan.DecisionFor(expired).Keep, Is.False);
            Assert.That(plan.DecisionFor(expired).Reason, Is.EqualTo("pr-41, 20 days old > 14; sha-1111111, 20 days old > 14"));
            Assert.That(plan.DecisionFor(fresh).Reason, Is.EqualTo("pr-42, 3 days old ≤ 14; sha-2222222, 3 days old ≤ 14"));
            Assert.That(plan.DecisionFor(commit).Reason, Is.EqualTo("sha-3333333, 15 days old > 14"));
        });
    }

    [Test]
    public void Platform_manifests_stay_with_a_kept_index_and_go_with_a_deleted_one()
    {
        var package = new TestPackage();
        var kept = package.MultiArch(400, "1.2.3");
        var expired = package.MultiArch(20, "pr-41");
        var graph = package.Graph;

        var plan = package.Plan();

        Assert.Multiple(() =>
        {
            Assert.That(graph.ChildrenOf(kept).Select(child => plan.DecisionFor(child).Reason), Has.All.EqualTo("platform manifest of kept 1.2.3"));
            Assert.That(graph.ChildrenOf(expired).Select(child => plan.DecisionFor(child).Reason), Has.All.EqualTo("manifest of deleted pr-41"));
            Assert.That(plan.DeletedDigests(), Is.EquivalentTo(graph.ChildrenOf(expired).Append(expired)));
        });
    }

    [Test]
    public void A_manifest_a_kept_index_lists_is_never_deleted_even_when_an_expired_index_lists_it_too()
    {
        var package = new TestPackage();
        var shared = package.Image(30);
        package.Index(30, [shared, package.Image(30)], "1.2.3");
        var expired = package.Index(30, [shared], "pr-7");

        var plan = package.Plan();

        Assert.Multiple(() =>
        {
            Assert.That(plan.DecisionFor(shared).Keep, Is.True);
            Assert.That(plan.DeletedDigests(), Is.EqualTo(new[] { expired }));
        });
    }

    [Test]
    public void Signatures_attestations_and_referrers_follow_their_subject()
    {
        var package = new TestPackage();
        var kept = package.MultiArch(400, "1.2.3");
        var keptSignature = package.Signature(kept, 400);
        var keptAttestation = package.Signature(kept, 400, "att");
        var keptReferrer = package.Referrer(kept, 400);
        var expired = package.MultiArch(20, "pr-41");
        var expiredSignature = package.Signature(expired, 20);
        var expiredReferrer = package.Referrer(expired, 20);
        var orphan = package.Signature(TestPackage.FakeDigest(999_999), 1);

        var plan = package.Plan();

        Assert.Multiple(() =>
        {
            Assert.That(plan.DecisionFor(keptSignature).Reason, Is.EqualTo("signature of kept 1.2.3"));
            Assert.That(plan.DecisionFor(keptAttestation).Reason, Is.EqualTo("attestation of kept 1.2.3"));
            Assert.That(plan.DecisionFor(keptReferrer).Reason, Is.EqualTo("referrer of kept 1.2.3"));
            Assert.That(plan.DecisionFor(expiredSignature).Reason, Is.EqualTo("signature of deleted pr-41"));
            Assert.That(plan.DecisionFor(expiredReferrer).Reason, Is.EqualTo("referrer of deleted pr-41"));
            Assert.That(plan.DecisionFor(orphan).Reason, Does.EndWith("which is not in the package"));
            Assert.That(plan.DeletedDigests(), Does.Contain(expiredSignature).And.Contain(expiredReferrer).And.Contain(orphan).And.Contain(expired));
        });
    }

    [Test]
    public void A_cosign_3_referrers_index_tagged_with_its_subjects_digest_follows_its_subject()
    {
        var package = new TestPackage();
        var kept = package.MultiArch(400, "1.2.3");
        var keptIndex = package.ReferrersIndex(kept, 400);
        var expired = package.MultiArch(20, "pr-41");
        var expiredIndex = package.ReferrersIndex(expired, 20);
        var graph = package.Graph;

        var plan = package.Plan();

        Assert.Multiple(() =>
        {
            Assert.That(plan.DecisionFor(keptIndex).Reason, Is.EqualTo("referrers index of kept 1.2.3"));
            Assert.That(plan.DecisionFor(graph.ChildrenOf(keptIndex)[0]).Keep, Is.True);
            // Read as a branch tag, the index would keep itself, its signature and through it pr-41 forever.
            Assert.That(plan.DecisionFor(expiredIndex).Reason, Is.EqualTo("referrers index of deleted pr-41"));
            Assert.That(plan.DeletedDigests(), Is.EquivalentTo(graph.ChildrenOf(expired).Concat([expired, expiredIndex, graph.ChildrenOf(expiredIndex)[0]])));
            Assert.That(plan.DeletedDigests().ToList().IndexOf(expiredIndex), Is.LessThan(plan.DeletedDigests().ToList().IndexOf(expired)));
        });
    }

    [Test]
    public void A_signature_of_a_platform_manifest_of_a_kept_index_is_kept()
    {
        var package = new TestPackage();
        var index = package.MultiArch(400, "1.2.3");
        var platform = package.Graph.ChildrenOf(index)[0];
        var signature = package.Signature(platform, 400);

        var plan = package.Plan();

        Assert.That(plan.DecisionFor(signature).Keep, Is.True);
    }

    [Test]
    public void Untagged_manifests_no_index_lists_get_a_grace_period_for_pushes_in_flight()
    {
        var package = new TestPackage();
        var inFlight = package.Image(0.1);
        var inFlightIndex = package.Index(0.05, [package.Image(0.1), package.Image(0.1)]);
        var stale = package.Image(3);

        var plan = package.Plan(new CleanupPolicy { UntaggedGrace = TimeSpan.FromHours(24) });

        Assert.Multiple(() =>
        {
            Assert.That(plan.DecisionFor(inFlight).Reason, Is.EqualTo("untagged, 2 h old, within the 24 h grace for pushes in flight"));
            Assert.That(package.Graph.ChildrenOf(inFlightIndex).Select(child => plan.DecisionFor(child).Keep), Has.All.True);
            Assert.That(plan.DeletedDigests(), Is.EqualTo(new[] { stale }));
            Assert.That(plan.DecisionFor(stale).Reason, Is.EqualTo("untagged, 3 days old > 24 h grace, nothing kept refers to it"));
        });
    }

    [Test]
    public void Deletions_put_whatever_refers_to_a_version_before_it()
    {
        var package = new TestPackage();
        var index = package.MultiArch(30, "pr-41");
        var platforms = package.Graph.ChildrenOf(index);
        var indexSignature = package.Signature(index, 30);
        var platformSignature = package.Signature(platforms[0], 30);

        var order = package.Plan().DeletedDigests().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(order, Has.Count.EqualTo(5));
            Assert.That(order.IndexOf(indexSignature), Is.LessThan(order.IndexOf(index)));
            Assert.That(order.IndexOf(index), Is.LessThan(order.IndexOf(platforms[0])).And.LessThan(order.IndexOf(platforms[1])));
            Assert.That(order.IndexOf(platformSignature), Is.LessThan(order.IndexOf(platforms[0])));
        });
    }
}

using Delivery.Storage;

namespace Delivery.Tests.Storage;

/// <summary>The tags of docs/versioning.md's tag table, read back from the registry.</summary>
public sealed class TagMeaningTests
{
    [TestCase("1.2.3", TagKind.StableRelease, null)]
    [TestCase("1.2", TagKind.StableRelease, null)]
    [TestCase("latest", TagKind.StableRelease, null)]
    [TestCase("main", TagKind.BranchTag, "main")]
    [TestCase("edge", TagKind.BranchTag, "main")]
    [TestCase("1.2.4-3", TagKind.BuildVersion, "main")]
    [TestCase("1.3.0-Foo-bar.1", TagKind.BuildVersion, "Foo-bar")]
    [TestCase("feature-Foo_bar", TagKind.BranchTag, "feature-Foo_bar")]
    [TestCase("2.0.0-rc.1", TagKind.ReleaseCandidate, null)]
    [TestCase("2.0.0-beta2", TagKind.ReleaseCandidate, null)]
    [TestCase("pr-42", TagKind.PullRequest, null)]
    [TestCase("1.2.4-PullRequest42.1", TagKind.PullRequest, null)]
    [TestCase("sha-860c190", TagKind.Commit, null)]
    public void Tags_are_read_as_the_versioning_rules_make_them(string tag, TagKind kind, string? lineage)
    {
        var meaning = TagMeaning.Read(tag, "main");

        Assert.Multiple(() =>
        {
            Assert.That(meaning.Kind, Is.EqualTo(kind));
            Assert.That(meaning.Lineage, Is.EqualTo(lineage));
        });
    }

    [Test]
    public void A_cosign_tag_names_its_subject()
    {
        var hex = new string('a', 64);

        var meaning = TagMeaning.Read($"sha256-{hex}.att", "main");

        Assert.Multiple(() =>
        {
            Assert.That(meaning.Kind, Is.EqualTo(TagKind.CosignArtefact));
            Assert.That(meaning.Subject, Is.EqualTo($"sha256:{hex}"));
            Assert.That(meaning.ArtefactKind, Is.EqualTo("attestation"));
        });
    }

    [TestCase("sha256", 64)]
    [TestCase("sha512", 128)]
    public void A_bare_digest_tag_is_cosign_3s_referrers_index_of_that_digest(string algorithm, int length)
    {
        var hex = new string('b', length);

        var meaning = TagMeaning.Read($"{algorithm}-{hex}", "main");

        Assert.Multiple(() =>
        {
            Assert.That(meaning.Kind, Is.EqualTo(TagKind.CosignArtefact));
            Assert.That(meaning.Subject, Is.EqualTo($"{algorithm}:{hex}"));
            Assert.That(meaning.ArtefactKind, Is.EqualTo("referrers index"));
        });
    }

    [TestCase("sha256-abc")]
    [TestCase("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("sha256-" + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    public void A_digest_like_tag_of_the_wrong_length_or_case_stays_a_branch_tag(string tag)
    {
        Assert.That(TagMeaning.Read(tag, "main").Kind, Is.EqualTo(TagKind.BranchTag));
    }
}

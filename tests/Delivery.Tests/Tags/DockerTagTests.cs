using Delivery.Images;
using Delivery.Tags;
using Tooling;

namespace Delivery.Tests.Tags;

/// <summary>Docker's tag and name grammar, which metadata-action enforces only in part.</summary>
public sealed class DockerTagTests
{
    [TestCase("feature/Foo_bar", "feature-Foo_bar")]
    [TestCase("a//b  c", "a-b-c")]
    [TestCase("v1.2.3+build.5", "v1.2.3-build.5")]
    [TestCase("-leading-dash", "leading-dash")]
    [TestCase(".hidden", "hidden")]
    [TestCase("--..x", "x")]
    [TestCase("_ok", "_ok")]
    [TestCase("Ünïcode/ß", "n-code-")]
    public void Sanitize_replaces_invalid_runs_and_fixes_the_first_character(string value, string expected)
    {
        var tag = DockerTag.Sanitize(value);

        Assert.Multiple(() =>
        {
            Assert.That(tag, Is.EqualTo(expected));
            Assert.That(DockerTag.IsValid(tag!), Is.True);
        });
    }

    [TestCase("")]
    [TestCase("/")]
    [TestCase("-.-")]
    public void Sanitize_gives_null_when_nothing_valid_is_left(string value) => Assert.That(DockerTag.Sanitize(value), Is.Null);

    [Test]
    public void A_200_character_branch_becomes_a_128_character_tag_unique_to_that_branch()
    {
        var branch = "feature/" + new string('a', 192);
        var other = "feature/" + new string('a', 191) + "b";

        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create("1.0.0-1"), DefaultTagRules.Flavor, Events.Push(branch)).Values.ToList();
        var otherTag = DockerTag.Sanitize(other);

        Assert.Multiple(() =>
        {
            Assert.That(tags[0], Has.Length.EqualTo(DockerTag.MaxLength));
            Assert.That(tags[0], Does.StartWith("feature-aaaa"));
            Assert.That(DockerTag.IsValid(tags[0]), Is.True);
            Assert.That(otherTag, Is.Not.EqualTo(tags[0]));
            Assert.That(DockerTag.Sanitize(new string('x', 128)), Is.EqualTo(new string('x', 128)));
        });
    }

    [TestCase("-start", "start")]
    [TestCase(".start", "start")]
    public void A_branch_starting_with_a_dash_or_dot_gives_a_valid_tag(string branch, string expected)
    {
        var tags = TagEvaluator.Evaluate(DefaultTagRules.Create("1.0.0-1"), DefaultTagRules.Flavor, Events.Push(branch));

        Assert.That(tags.Main, Is.EqualTo(expected));
    }

    [Test]
    public void Image_names_are_lowercased()
    {
        var name = ImageName.Create("GHCR.io", "Acme/Gateway");

        Assert.Multiple(() =>
        {
            Assert.That(name.ToString(), Is.EqualTo("ghcr.io/acme/gateway"));
            Assert.That(name.WithTag("1.2.3"), Is.EqualTo("ghcr.io/acme/gateway:1.2.3"));
        });
    }

    [TestCase("ghcr.io", "acme/bad name")]
    [TestCase("ghcr.io", "acme//gateway")]
    [TestCase("not a host", "acme/gateway")]
    public void An_invalid_image_name_fails_naming_the_parameter_to_fix(string registry, string repository)
    {
        var failure = Assert.Throws<Tooling.BuildFailedException>(() => ImageName.Create(registry, repository));

        Assert.That(failure!.Message, Does.Contain("Fix --"));
    }

    [TestCase("https://github.com/Acme/Gateway.git", "Acme/Gateway")]
    [TestCase("https://github.com/Acme/Gateway", "Acme/Gateway")]
    [TestCase("git@github.com:Acme/gate.way.git", "Acme/gate.way")]
    [TestCase("ssh://git@github.com/Acme/Gateway.git", "Acme/Gateway")]
    [TestCase("https://gitlab.com/Acme/Gateway.git", null)]
    [TestCase("/work/main", null)]
    public void The_repository_comes_from_a_GitHub_remote_only(string url, string? expected) =>
        Assert.That(GitHubRemote.TryGetRepository(url), Is.EqualTo(expected));
}

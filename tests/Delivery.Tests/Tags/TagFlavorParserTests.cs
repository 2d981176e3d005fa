using Delivery.Tags;
using Tooling;

namespace Delivery.Tests.Tags;

/// <summary><c>--image-flavor</c>: docker/metadata-action's own flavor cases (__tests__/flavor.test.ts at commit dc80280).</summary>
public sealed class TagFlavorParserTests
{
    private static IEnumerable<TestCaseData> MetadataActionCases()
    {
        yield return Case("latest=true", new TagFlavor(LatestMode.True));
        yield return Case("latest=false", new TagFlavor(LatestMode.False));
        yield return Case("latest=auto", new TagFlavor(LatestMode.Auto));
        yield return Case("prefix=sha-", new TagFlavor(Prefix: "sha-"));
        yield return Case("suffix=-alpine", new TagFlavor(Suffix: "-alpine"));
        yield return Case("latest=false\nprefix=dev-\nsuffix=-alpine", new TagFlavor(LatestMode.False, "dev-", "-alpine"));
        yield return Case("prefix=dev-,onlatest=true", new TagFlavor(Prefix: "dev-") { PrefixOnLatest = true });
        yield return Case("suffix=-alpine,onlatest=true", new TagFlavor(Suffix: "-alpine") { SuffixOnLatest = true });
        yield return Case("prefix=dev-,onlatest=true\nsuffix=-alpine,onlatest=true",
            new TagFlavor(Prefix: "dev-", Suffix: "-alpine") { PrefixOnLatest = true, SuffixOnLatest = true });
    }

    private static TestCaseData Case(string text, TagFlavor expected) => new TestCaseData(text, expected).SetName($"{{m}}({text.Replace('\n', ';')})");

    [TestCaseSource(nameof(MetadataActionCases))]
    public void A_flavor_parses_as_metadata_action_reads_it(string text, TagFlavor expected)
    {
        var flavor = TagFlavorParser.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(flavor, Is.EqualTo(expected));
            Assert.That(TagFlavorParser.Parse(flavor.Describe()), Is.EqualTo(flavor), "reading what it describes gives it back");
        });
    }

    // metadata-action's invalid cases: randomstr, unknwown=foo, latest, latest=foo; then ours.
    [TestCase("randomstr\nlatest=auto", 1, "'randomstr' has no '='")]
    [TestCase("unknwown=foo", 1, "unknown flavor key 'unknwown'")]
    [TestCase("latest", 1, "'latest' has no '='")]
    [TestCase("latest=auto\nlatest=foo", 2, "latest 'foo' is not a latest mode; expected latest=auto, latest=true or latest=false")]
    [TestCase("prefix=a,onlatest=yes", 1, "onlatest 'yes' is not true or false; expected onlatest=true or onlatest=false")]
    public void An_entry_that_does_not_parse_fails_naming_the_line(string text, int number, string message)
    {
        var error = Assert.Throws<BuildFailedException>(() => TagFlavorParser.Parse(text))!;

        Assert.That(error.Message, Does.StartWith($"--image-flavor line {number} `{text.Split('\n')[number - 1]}`: {message}"));
    }

    [Test]
    public void The_default_flavor_text_is_the_default_flavor() =>
        Assert.That(DefaultTagRules.Flavor, Is.EqualTo(TagFlavor.Default));
}

using BuildEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace BuildEngine.Tests;

/// <summary>
/// YamlWriter quotes a scalar exactly when YAML would read it as something else, and every value reads back
/// unchanged (checked with YamlDotNet).
/// </summary>
public sealed class YamlWriterTests
{
    [TestCase("true")]
    [TestCase("False")]
    [TestCase("yes")]
    [TestCase("No")]
    [TestCase("on")]
    [TestCase("OFF")]
    [TestCase("y")]
    [TestCase("null")]
    [TestCase("~")]
    public void Reserved_words_are_quoted(string value) => Assert.That(Write(value), Is.EqualTo($"key: '{value}'\n"));

    [TestCase("1")]
    [TestCase("45")]
    [TestCase("-2")]
    [TestCase("+3")]
    [TestCase("0.5")]
    [TestCase("1e3")]
    [TestCase("1_000")]
    [TestCase("0x1F")]
    [TestCase("0o17")]
    [TestCase(".5")]
    [TestCase(".inf")]
    [TestCase(".nan")]
    public void Strings_that_look_like_numbers_are_quoted(string value) => Assert.That(Write(value), Is.EqualTo($"key: '{value}'\n"));

    [Test]
    public void Numbers_and_booleans_are_written_bare() =>
        Assert.That(YamlWriter.Write(new YamlMapping().Add("job", new YamlMapping().Add("timeout-minutes", 45).Add("fail-fast", false))),
            Is.EqualTo("job:\n  timeout-minutes: 45\n  fail-fast: false\n"));

    [Test]
    public void Typed_items_of_a_sequence_are_written_bare() =>
        Assert.That(YamlWriter.Write(new YamlMapping().Add("ports", new YamlSequence([new YamlScalar("8080", isTyped: true), new YamlScalar("8081")]))),
            Is.EqualTo("ports:\n  - 8080\n  - '8081'\n"));

    [TestCase("a: b")]
    [TestCase("key:")]
    [TestCase("a #b")]
    [TestCase("#b")]
    [TestCase("*.trx")]
    [TestCase("**/packages.lock.json")]
    [TestCase("&anchor")]
    [TestCase("!tag")]
    [TestCase("@at")]
    [TestCase("%percent")]
    [TestCase("`tick")]
    [TestCase("- item")]
    [TestCase("[a]")]
    [TestCase("{a}")]
    [TestCase("|bar")]
    [TestCase(">folded")]
    [TestCase("\"double\"")]
    [TestCase(" padded")]
    [TestCase("padded ")]
    [TestCase("")]
    public void Text_that_would_change_the_structure_is_quoted(string value) => Assert.That(Write(value), Does.StartWith("key: '"));

    [TestCase("v*")]
    [TestCase("a:b")]
    [TestCase("a#b")]
    [TestCase("linux/amd64")]
    [TestCase("~/.nuget/packages")]
    [TestCase("./build.sh Test --skip Restore")]
    [TestCase("nuget-${{ runner.os }}-")]
    public void Ordinary_text_is_written_bare(string value) => Assert.That(Write(value), Is.EqualTo($"key: {value}\n"));

    [TestCase("${{ matrix.runner }}")]
    [TestCase("${{ !startsWith(github.ref, 'refs/tags/') }}")]
    [TestCase("${{ github.event_name == 'pull_request' }}")]
    public void Expressions_are_left_bare(string value) => Assert.That(Write(value), Is.EqualTo($"key: {value}\n"));

    [Test]
    public void A_single_quote_inside_a_quoted_scalar_is_doubled() => Assert.That(Write("'x' #y"), Is.EqualTo("key: '''x'' #y'\n"));

    [Test]
    public void Multi_line_text_is_a_literal_block_without_a_final_newline() =>
        Assert.That(Write("artifacts/trivy.json\nartifacts/trivy.sarif"), Is.EqualTo("key: |-\n  artifacts/trivy.json\n  artifacts/trivy.sarif\n"));

    [Test]
    public void Leading_spaces_and_final_newlines_of_a_block_are_kept_with_indicators() =>
        Assert.That(Write("  indented\nnext\n"), Is.EqualTo("key: |2\n    indented\n  next\n"));

    [Test]
    public void A_comment_follows_the_value() =>
        Assert.That(YamlWriter.Write(new YamlMapping().Add("uses", "actions/checkout@abc", "v7.0.1")), Is.EqualTo("uses: actions/checkout@abc # v7.0.1\n"));

    [Test]
    public void The_header_becomes_comment_lines_followed_by_a_blank_line() =>
        Assert.That(YamlWriter.Write(new YamlMapping().Add("name", "CI"), "first\nsecond"), Is.EqualTo("# first\n# second\n\nname: CI\n"));

    [TestCaseSource(nameof(Values))]
    public void Every_value_reads_back_unchanged(string value)
    {
        var text = YamlWriter.Write(new YamlMapping()
            .Add("value", value)
            .Add("list", new YamlSequence([new YamlScalar(value.Replace('\n', ' '))]))
            .Add("nested", new YamlMapping().Add("value", value)));

        var root = Parse(text);
        Assert.That(((YamlScalarNode)root.Children[new YamlScalarNode("value")]).Value, Is.EqualTo(value), text);
        Assert.That(((YamlScalarNode)((YamlSequenceNode)root.Children[new YamlScalarNode("list")]).Children[0]).Value, Is.EqualTo(value.Replace('\n', ' ')), text);
        Assert.That(((YamlScalarNode)((YamlMappingNode)root.Children[new YamlScalarNode("nested")]).Children[new YamlScalarNode("value")]).Value, Is.EqualTo(value), text);
    }

    private static IEnumerable<string> Values() =>
    [
        "true", "False", "yes", "No", "on", "OFF", "y", "null", "~", "",
        "1", "-2", "0.5", "1e3", ".5",
        "a: b", "key:", "a #b", "#b", "'x' #y", "*.trx", "**/packages.lock.json", "&anchor", "!tag", "- item", "[a]", "{a}", "|bar", ">folded",
        "\"double\"", " padded", "padded ", "v*", "a:b", "a#b", "linux/amd64", "${{ matrix.runner }}", "Image (${{ matrix.platform }})",
        "first line\nsecond line", "artifacts/a.json\nartifacts/b.sarif", "  indented first\nsecond", "ends with a newline\n", "two final newlines\n\n", "a\n\nb", "\nleading empty line",
    ];

    private static string Write(string value) => YamlWriter.Write(new YamlMapping().Add("key", value));

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}

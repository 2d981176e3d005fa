using Delivery.Events;
using Delivery.Tags;
using Tooling;

namespace Delivery.Tests.Tags;

/// <summary>
/// <c>--image-tags</c> read into the rule types. The parse cases are docker/metadata-action's own
/// (__tests__/tag.test.ts, "parse" and "transform", at commit dc80280) for the types the build supports.
/// </summary>
public sealed class TagRuleParserTests
{
    private static IEnumerable<TestCaseData> MetadataActionParseCases()
    {
        yield return Parses("type=schedule,enable=true,pattern={{date 'YYYYMMDD'}}", new ScheduleTagRule("{{date 'YYYYMMDD'}}"));
        yield return Parses("type=schedule,enable=true,pattern={{date 'YYYYMMDD' tz='Asia/Tokyo'}}", new ScheduleTagRule("{{date 'YYYYMMDD' tz='Asia/Tokyo'}}"));
        yield return Parses("type=semver,enable=true,pattern={{version}}", new SemverTagRule("{{version}}"));
        yield return Parses("type=semver,priority=1,enable=true,pattern={{version}}", new SemverTagRule("{{version}}") { Priority = 1 });
        yield return Parses("type=semver,priority=1,enable=true,pattern={{version}},value=v1.0.0",
            new SemverTagRule("{{version}}") { Priority = 1, Value = "v1.0.0" });
        yield return Parses("type=edge", new EdgeTagRule());
        yield return Parses("type=edge,enable=true,branch=master", new EdgeTagRule("master"));
        yield return Parses("type=ref,event=tag", new RefTagRule(RefKind.Tag));
        yield return Parses("type=ref,event=branch", new RefTagRule(RefKind.Branch));
        yield return Parses("type=ref,event=pr", new RefTagRule(RefKind.PullRequest));
        yield return Parses("acustomtag", new RawTagRule("acustomtag"));
        yield return Parses("type=raw,value=acustomtag2", new RawTagRule("acustomtag2"));
        yield return Parses("type=raw,enable=true,value=acustomtag4", new RawTagRule("acustomtag4"));
        yield return Parses("type=raw,enable=false,value=acustomtag5", new RawTagRule("acustomtag5") { Enable = TagCondition.Never });
        yield return Parses("type=sha", new ShaTagRule());
        yield return Parses("type=sha,format=long", new ShaTagRule(ShaFormat.Long));
        yield return Parses("type=sha,prefix=", new ShaTagRule { Prefix = "" });
        yield return Parses("type=sha,enable=false", new ShaTagRule { Enable = TagCondition.Never });
        // transform's list (match left out) and the examples.
        yield return Parses("type=schedule", new ScheduleTagRule());
        yield return Parses("type=schedule,pattern=nightly", new ScheduleTagRule());
        yield return Parses("type=raw,foo", new RawTagRule("foo"));
        yield return Parses("type=raw,value=mytag-{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", new RawTagRule("mytag-{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}"));
        yield return Parses("type=sha,prefix={{date 'YYYYMMDD'}}-,suffix=-{{branch}}", new ShaTagRule { Prefix = "{{date 'YYYYMMDD'}}-", Suffix = "-{{branch}}" });
        yield return Parses("type=raw,value=nightly,enable={{is_default_branch}}", new RawTagRule("nightly") { Enable = TagCondition.OnDefaultBranch });
        yield return Parses("type=raw,value=x,enable={{ is_not_default_branch }}", new RawTagRule("x") { Enable = TagCondition.OffDefaultBranch });
        yield return Parses("TYPE=sha , PREFIX=git- ,suffix=-x,priority=-5", new ShaTagRule { Prefix = "git-", Suffix = "-x", Priority = -5 });
        yield return Parses("type=raw,\"value=a,b\"", new RawTagRule("a,b"));
    }

    private static TestCaseData Parses(string line, TagRule expected) => new TestCaseData(line, expected).SetName($"{{m}}({line})");

    [TestCaseSource(nameof(MetadataActionParseCases))]
    public void A_line_parses_as_metadata_action_reads_it(string line, TagRule expected) =>
        Assert.That(TagRuleParser.Parse(line), Is.EqualTo(new[] { expected }));

    // metadata-action's invalid parse cases, then ours; each error names the parameter, the line and what would do.
    [TestCase("type=ref,event=foo", "event 'foo' is not a ref event; expected event=branch, event=tag or event=pr")]
    [TestCase("type=ref", "event is missing; expected event=branch, event=tag or event=pr")]
    [TestCase("type=raw", "value is missing; expected e.g. type=raw,value=edge")]
    [TestCase("type=semver", "pattern is missing; expected e.g. pattern={{version}}")]
    [TestCase("type=semver,pattern=", "pattern is empty; expected e.g. pattern={{version}}")]
    [TestCase("type=semver,pattern={{build}}", "pattern uses {{build}}; expected {{version}}, {{major}}, {{minor}}, {{patch}} or {{raw}}")]
    [TestCase("type=foo", "unknown type 'foo'; expected one of type=ref, type=semver, type=sha, type=raw, type=edge, type=schedule")]
    [TestCase("type=sha,format=foo", "format 'foo' is not a sha format; expected format=short or format=long")]
    [TestCase("type=sha,priority=high", "priority 'high' is not a whole number; expected e.g. priority=1000")]
    [TestCase("type=sha,branch=main", "type=sha has no attribute 'branch'; expected attributes format=, prefix=, suffix=, enable=, priority=")]
    [TestCase("type=raw,value=x,enable=sometimes", "enable 'sometimes' is not a condition the build knows; expected enable= one of true, false, {{is_default_branch}}, {{is_not_default_branch}}, {{is_branch}}")]
    [TestCase("type=raw,value=x-{{commit_date 'YYYYMMDD'}}", "value uses {{commit_date 'YYYYMMDD'}}, which the build does not expand; expected a literal value, {{branch}}, {{tag}}, {{sha}}, {{date 'FORMAT'}} (optionally tz='Zone') or {{gitversion}}")]
    [TestCase("type=sha,prefix={{base_ref}}-", "prefix uses {{base_ref}}, which the build does not expand; expected a literal prefix, {{branch}}, {{tag}}, {{sha}}, {{date 'FORMAT'}} (optionally tz='Zone')")]
    [TestCase("type=schedule,pattern=", "pattern is empty; expected e.g. pattern=nightly or pattern={{date 'YYYYMMDD'}}")]
    [TestCase("type=schedule,pattern=nightly-{{branch}}", "pattern uses {{branch}}, which a schedule pattern does not expand; expected literal text and {{date 'FORMAT'}} (optionally tz='Zone')")]
    [TestCase("type=schedule,pattern={{date 'YYYYMMDD-hhmmss'}}", "date format 'YYYYMMDD-hhmmss' uses 'hh', which the build does not render; expected moment tokens YYYY, YY, M, MM, D, DD, H, HH, m, mm, s, ss, S, SS, SSS, other text as is or in [brackets]")]
    [TestCase("type=schedule,pattern={{date 'MMM Do'}}", "date format 'MMM Do' uses 'MMM', which the build does not render; expected moment tokens YYYY, YY, M, MM, D, DD, H, HH, m, mm, s, ss, S, SS, SSS, other text as is or in [brackets]")]
    [TestCase("type=raw,value={{date 'YYYYMMDD' tz='Mars/Olympus'}}", "time zone 'Mars/Olympus' is unknown here; expected an IANA time zone such as tz='UTC' or tz='Asia/Tokyo'")]
    [TestCase("type=raw,value={{date 'YYYYMMDD' locale='fr'}}", "{{date 'YYYYMMDD' locale='fr'}} has an option 'locale'; expected only tz='Zone', e.g. tz='Asia/Tokyo'")]
    [TestCase("type=raw,value={{date YYYYMMDD}}", "{{date YYYYMMDD}} is not a date expression; expected e.g. {{date 'YYYYMMDD'}} or {{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}")]
    [TestCase("type=raw,\"value=x", "a double quote is not closed; expected fields like type=raw,\"value=a,b\"")]
    public void A_line_that_does_not_parse_fails_naming_the_line_and_what_was_expected(string line, string message)
    {
        var error = Assert.Throws<BuildFailedException>(() => TagRuleParser.Parse(line))!;

        Assert.That(error.Message, Is.EqualTo($"--image-tags line 1 `{line}`: {message}"));
    }

    [TestCase("type=match,pattern=v(.*),group=1", "match")]
    [TestCase("type=pep440,pattern={{version}}", "pep440")]
    public void Types_without_the_context_they_need_are_refused_naming_the_supported_ones(string line, string type)
    {
        var error = Assert.Throws<BuildFailedException>(() => TagRuleParser.Parse(line))!;

        Assert.That(error.Message, Is.EqualTo(
            $"--image-tags line 1 `{line}`: type={type} is not supported here; expected one of type=ref, type=semver, type=sha, type=raw, type=edge, type=schedule"));
    }

    [Test]
    public void Semver_s_match_attribute_is_refused_rather_than_ignored() =>
        Assert.That(() => TagRuleParser.Parse("type=semver,pattern={{version}},\"match=v(\\d.\\d.\\d)$\""),
            Throws.TypeOf<BuildFailedException>().With.Message.Contains("has no attribute 'match'"));

    [Test]
    public void Lines_are_numbered_as_written_blank_lines_and_comments_skipped()
    {
        const string Text = "# our tags\ntype=ref,event=branch\n\r\n  type=sha  \r\ntype=semver,pattern=\n";

        var error = Assert.Throws<BuildFailedException>(() => TagRuleParser.Parse(Text))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.StartWith("--image-tags line 5 `type=semver,pattern=`: pattern is empty"));
            Assert.That(TagRuleParser.Parse(Text.Replace("type=semver,pattern=\n", "", StringComparison.Ordinal)),
                Is.EqualTo(new TagRule[] { new RefTagRule(RefKind.Branch), new ShaTagRule() }));
        });
    }

    [Test]
    public void A_text_without_rules_fails() =>
        Assert.That(() => TagRuleParser.Parse("# nothing\n\n"),
            Throws.TypeOf<BuildFailedException>().With.Message.StartsWith("--image-tags has no rule"));

    private static IEnumerable<TagRule> RulesToRoundTrip() =>
    [
        .. TagRuleParser.Parse(DefaultTagRules.Text),
        .. DefaultTagRules.Create("1.2.4-3"),
        new RefTagRule(RefKind.Tag) { Priority = 2000, Suffix = "-alpine" },
        new SemverTagRule("{{major}}.{{minor}}") { Value = "v1.2.3", Prefix = "v" },
        new SemverTagRule("{{raw}}") { Enable = TagCondition.OffDefaultBranch },
        new ShaTagRule(ShaFormat.Long) { Prefix = "" },
        new EdgeTagRule("develop") { Priority = 1 },
        new RawTagRule("a,b \"c\"") { Enable = TagCondition.Never },
        new RawTagRule(""),
        new RawTagRule("{{tag}}-{{sha}}-foo"),
        new ScheduleTagRule(),
        new ScheduleTagRule("{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}") { Priority = 50, Prefix = "nightly-" },
        new ScheduleTagRule("a,b {{date 'YYYY'}}") { Suffix = "-{{date '[week]YY'}}" },
        new RawTagRule("{{date 'YYYY.MM.DD'}}") { Prefix = "{{sha}}-", Enable = TagCondition.OnDefaultBranch },
    ];

    [TestCaseSource(nameof(RulesToRoundTrip))]
    public void Reading_what_a_rule_describes_gives_the_same_rule(TagRule rule)
    {
        var read = TagRuleParser.Parse(rule.Describe()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(rule));
            Assert.That(read.Describe(), Is.EqualTo(rule.Describe()));
        });
    }

    [Test]
    public void The_build_version_placeholder_is_filled_in_raw_values_only()
    {
        var rules = DefaultTagRules.Create("type=raw,value=v{{gitversion}}-linux\ntype=semver,pattern={{version}}", "1.2.4-3");

        Assert.That(rules, Is.EqualTo(new TagRule[] { new RawTagRule("v1.2.4-3-linux"), new SemverTagRule("{{version}}") }));
    }
}

using Delivery.Events;
using Delivery.Tags;
using Microsoft.Extensions.Time.Testing;
using Tooling;

namespace Delivery.Tests.Tags;

/// <summary>
/// <c>{{date 'FORMAT' tz='Zone'}}</c> in tag rules: moment's tokens rendered as moment renders them, one clock instant
/// per build, schedule rules only on a schedule event. metadata-action's own cases are in <see cref="MetadataActionTagTests"/>.
/// </summary>
public sealed class TagDateTests
{
    // Milliseconds and single-digit month, day and hour, so the padded and unpadded tokens differ.
    private static readonly DateTimeOffset Instant = new(2024, 3, 5, 7, 8, 9, 45, TimeSpan.Zero);

    private static EventContext Context(string eventName = "schedule", DateTimeOffset? now = null) =>
        new() { EventName = eventName, Ref = "refs/heads/main", Sha = Events.Sha, Now = now ?? Instant };

    private static IEnumerable<string> Tags(string rules, EventContext context, string? flavor = null) =>
        TagEvaluator.Evaluate(TagRuleParser.Parse(rules), flavor is null ? TagFlavor.Default : TagFlavorParser.Parse(flavor), context).Values;

    // Expected values as moment-timezone 0.5 formats 2024-03-05T07:08:09.045Z.
    [TestCase("YYYY", "2024")]
    [TestCase("YY", "24")]
    [TestCase("M.MM", "3.03")]
    [TestCase("D.DD", "5.05")]
    [TestCase("H.HH", "7.07")]
    [TestCase("m.mm", "8.08")]
    [TestCase("s.ss", "9.09")]
    [TestCase("S.SS.SSS", "0.04.045")]
    [TestCase("YYYY-MM-DDTHH_mm", "2024-03-05T07_08")]
    [TestCase("[nightly]YYYYMMDD", "nightly20240305")]
    [TestCase("\\MYYYY", "M2024")]
    public void A_format_renders_as_moment_renders_it(string format, string expected) =>
        Assert.That(Tags($"type=schedule,pattern={{{{date '{format}'}}}}", Context()), Is.EqualTo(new[] { expected }));

    [TestCase("UTC", "20240305-0708")]
    [TestCase("Asia/Tokyo", "20240305-1608")]
    [TestCase("America/Los_Angeles", "20240304-2308")]
    public void The_time_zone_moves_the_date_and_the_hour(string zone, string expected) =>
        Assert.That(Tags($"type=schedule,pattern={{{{date 'YYYYMMDD-HHmm' tz='{zone}'}}}}", Context()), Is.EqualTo(new[] { expected }));

    [Test]
    public void A_schedule_rule_applies_only_on_a_schedule_event()
    {
        const string Rules = "type=schedule\ntype=schedule,pattern={{date 'YYYYMMDD'}}\ntype=sha";

        Assert.Multiple(() =>
        {
            Assert.That(Tags(Rules, Context()), Is.EqualTo(new[] { "nightly", "20240305", "sha-860c190" }));
            Assert.That(Tags(Rules, Context("push")), Is.EqualTo(new[] { "sha-860c190" }));
            Assert.That(Tags(Rules, Context("workflow_dispatch")), Is.EqualTo(new[] { "sha-860c190" }));
        });
    }

    [Test]
    public void A_schedule_tag_is_the_main_one_and_never_latest() =>
        Assert.That(Tags("type=ref,event=branch\ntype=schedule", Context()), Is.EqualTo(new[] { "nightly", "main" }));

    [Test]
    public void Prefixes_and_suffixes_of_rules_and_flavor_render_dates_too() =>
        Assert.That(Tags("type=sha,prefix={{date 'YYYYMMDD'}}-\ntype=raw,value=build", Context("push"), "suffix=-{{date 'HHmm' tz='Asia/Tokyo'}}"),
            Is.EqualTo(new[] { "build-1608", "20240305-860c190-1608" }));

    [Test]
    public void A_flavor_prefix_with_an_unknown_expression_fails_naming_the_line() =>
        Assert.That(() => TagFlavorParser.Parse("latest=false\nprefix={{commit_date 'YYYY'}}-"),
            Throws.TypeOf<Tooling.BuildFailedException>().With.Message.StartsWith(
                "--image-flavor line 2 `prefix={{commit_date 'YYYY'}}-`: prefix uses {{commit_date 'YYYY'}}, which the build does not expand"));

    [Test]
    public void A_context_without_a_clock_fails_saying_where_to_set_it() =>
        Assert.That(() => Tags("type=raw,value={{date 'YYYY'}}", Context("push") with { Now = null }),
            Throws.InvalidOperationException.With.Message.Contains("EventContext.Now"));

    [Test]
    public async Task The_build_reads_the_clock_once_when_it_reads_the_event()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        var clock = new FakeTimeProvider(Instant);

        var context = await EventContextReader.ReadAsync(TemporaryRepository.Tools.Get("git"), repository.Directory, new Dictionary<string, string>(), clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(context.Now, Is.EqualTo(Instant));
            // Every date of every tag is the instant the context was read, however long evaluation takes.
            Assert.That(Tags("type=raw,value={{date 'HHmmss'}}\ntype=raw,value=x-{{date 'HHmmss'}}", context), Is.EqualTo(new[] { "070809", "x-070809" }));
        });
    }
}

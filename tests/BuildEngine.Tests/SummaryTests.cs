using System.Text.RegularExpressions;

namespace BuildEngine.Tests;

public sealed class SummaryTests : BuildFixture
{
    [Test]
    public async Task The_summary_lists_every_planned_target_with_its_status_and_the_total()
    {
        var result = await RunAsync(new LinearBuild(), "Test");

        Assert.That(result.SummaryStatusOf("Restore"), Is.EqualTo("Succeeded"));
        Assert.That(result.SummaryStatusOf("Compile"), Is.EqualTo("Succeeded"));
        Assert.That(result.SummaryStatusOf("Test"), Is.EqualTo("Succeeded"));
        Assert.That(result.Output, Does.Match(@"(?m)^Total\s+(< 1sec|\d+:\d\d)$"));
        Assert.That(result.Output, Does.Match(@"(?m)^Build succeeded on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$"));
    }

    [Test]
    public async Task The_summary_leaves_out_targets_that_were_not_planned()
    {
        var result = await RunAsync(new LinearBuild(), "Restore");

        Assert.That(result.SummaryStatusOf("Restore"), Is.EqualTo("Succeeded"));
        Assert.That(result.SummaryStatusOf("Compile"), Is.Null);
    }

    [Test]
    public async Task A_failed_build_says_so_under_the_table()
    {
        var result = await RunAsync(new LinearBuild { Failing = ["Restore"] });

        Assert.That(result.Output, Does.Match(@"(?m)^Build failed on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$"));
        Assert.That(result.SummaryRowOf("Restore"), Does.Contain("Failed").And.Contain("// Restore failed on purpose."));
    }

    [Test]
    public async Task Warnings_logged_during_a_target_are_replayed_above_the_summary()
    {
        var result = await RunAsync(new WarningBuild());

        var replay = Regex.Match(result.Output, @"^Errors & Warnings\n(?<entries>(\[(WRN|ERR)\] .*\n)+)", RegexOptions.Multiline);
        Assert.That(replay.Success, Is.True, result.ToString);
        Assert.That(replay.Groups["entries"].Value, Is.EqualTo("[WRN] Package Newtonsoft.Json is deprecated.\n"));
    }

    [Test]
    public async Task Without_warnings_there_is_no_Errors_and_Warnings_block()
    {
        var result = await RunAsync(new LinearBuild());

        Assert.That(result.Output, Does.Not.Contain("Errors & Warnings"));
    }
}

internal sealed class WarningBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Compile)];

    public Target Compile => _ => _.Executes(() => Log.Warning("Package {Package} is deprecated.", "Newtonsoft.Json"));
}

using System.Text.RegularExpressions;
using Tooling;

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
    public async Task A_target_s_summary_note_is_shown_in_its_row()
    {
        var result = await RunAsync(new NoteBuild(), "Test");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.SummaryRowOf("Compile"), Does.Match(@"Succeeded\s+\S.*// 1.2.3$"));
            Assert.That(result.SummaryRowOf("Test"), Does.EndWith("// 1158 passed, 0 failed, 0 skipped"), "the last call wins");
            Assert.That(result.SummaryRowOf("Restore"), Does.Not.Contain("//"), "no note, no comment");
        });
    }

    [Test]
    public async Task A_failed_target_s_row_shows_its_failure_instead_of_its_note()
    {
        var result = await RunAsync(new NoteBuild { Failing = ["Test"] }, "Test");

        Assert.That(result.SummaryRowOf("Test"), Does.Contain("Failed").And.EndWith("// Test failed on purpose.").And.Not.Contain("passed"));
    }

    [Test]
    public async Task A_summary_note_is_masked_like_the_log()
    {
        var build = new NoteBuild { Secret = "s3cr3t-value" };

        await RunAsync(build, "Compile");

        // The note itself, as metrics and a failure issue read it, not only the summary the host masks on the way out.
        Assert.That(build.ExecutionPlan.Single(target => target.Name == "Compile").Note, Is.EqualTo($"token {SecretMasker.Mask}"));
    }

    [Test]
    public void A_summary_note_outside_a_running_target_names_where_it_belongs()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new NoteBuild().NoteNow("stray"));

        Assert.That(exception!.Message, Does.Contain("call it from (what is awaited in) an Executes action"));
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

/// <summary>Restore → Compile → Test, where Compile notes a version and Test its counts (after an earlier note, awaited).</summary>
internal sealed class NoteBuild : TestBuild
{
    /// <summary>When set, registered as a secret and put in Compile's note.</summary>
    public string? Secret { get; init; }

    public Target Restore => _ => _.Executes(Record());

    public Target Compile => _ => _
        .DependsOn(Restore)
        .Executes(() =>
        {
            Secrets.Add(Secret);
            SummaryNote(Secret is null ? "1.2.3" : $"token {Secret}");
        });

    public Target Test => _ => _
        .DependsOn(Compile)
        .Executes(async () =>
        {
            SummaryNote("running");
            await Task.Yield();
            await CountAsync();
            Record()();
        });

    public void NoteNow(string note) => SummaryNote(note);

    // Awaited from the action, as the real build's RunTestsAsync is: the note still finds its target.
    private async Task CountAsync()
    {
        await Task.Delay(1);
        SummaryNote("1158 passed, 0 failed, 0 skipped");
    }
}

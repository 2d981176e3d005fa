using System.Text.RegularExpressions;
using Tooling;

namespace BuildEngine.Tests;

public sealed class GitHubActionsTests : BuildFixture
{
    private string StepSummary => Repository.Root / "step-summary.md";

    [SetUp]
    public void RunOnGitHubActions()
    {
        Repository.Environment["GITHUB_ACTIONS"] = "true";
        Repository.Environment["GITHUB_STEP_SUMMARY"] = StepSummary;
    }

    [Test]
    public async Task Each_target_is_a_collapsible_group()
    {
        var result = await RunAsync(new LinearBuild(), "Test");

        var markers = Regex.Matches(result.Output, "^::(group::.*|endgroup::)$", RegexOptions.Multiline).Select(match => match.Value);
        Assert.That(markers, Is.EqualTo(new[]
        {
            "::group::Restore", "::endgroup::",
            "::group::Compile", "::endgroup::",
            "::group::Test", "::endgroup::",
        }));
    }

    [Test]
    public async Task A_failed_target_becomes_an_annotation_titled_with_the_target_and_newlines_escaped()
    {
        var result = await RunAsync(new AnnotationBuild());

        Assert.That(result.Output, Does.Match(@"(?m)^::error title=Target Compile failed::.*Compile.* failed: .*first line%0Asecond line.*$"));
        Assert.That(result.Output, Does.Not.Match(@"(?m)^::error.*first line$"), "a raw newline would end the workflow command");
    }

    [Test]
    public async Task A_warning_becomes_a_warning_annotation()
    {
        var result = await RunAsync(new WarningBuild());

        Assert.That(result.Output, Does.Match(@"(?m)^::warning::Package .*Newtonsoft\.Json.* is deprecated\.$"));
    }

    [Test]
    public async Task The_step_summary_gets_a_Markdown_table_of_the_targets()
    {
        await RunAsync(new LinearBuild { Failing = ["Compile"] }, "Test");

        var summary = File.ReadAllText(StepSummary);
        Assert.That(summary, Does.Contain("| Target | Status | Duration | Notes |"));
        Assert.That(summary, Does.Match(@"\| Restore \| ✅ Succeeded \| .* \|  \|"));
        Assert.That(summary, Does.Match(@"\| Compile \| ❌ Failed \| .* \| Compile failed on purpose\. \|"));
        Assert.That(summary, Does.Contain("| Test | ⏸️ NotRun |  | an earlier target failed |"));
        Assert.That(summary, Does.Contain("Build failed on"));
    }

    [Test]
    public async Task The_step_summary_shows_the_targets_notes()
    {
        await RunAsync(new NoteBuild(), "Test");

        var summary = File.ReadAllText(StepSummary);
        Assert.That(summary, Does.Match(@"\| Compile \| ✅ Succeeded \| .* \| 1\.2\.3 \|"));
        Assert.That(summary, Does.Match(@"\| Test \| ✅ Succeeded \| .* \| 1158 passed, 0 failed, 0 skipped \|"));
    }

    [Test]
    public async Task A_tool_s_workflow_command_reaches_the_runner_at_the_start_of_its_line()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("printf", ["::error title=Some_test::it failed\n  ::notice::indented\nplain\n"],
            new ToolOptions { PassWorkflowCommands = true })));

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("\n::error title=Some_test::it failed\n"), "as a test logger wrote it, so the runner annotates");
            Assert.That(result.Output, Does.Match(@"(?m)^\d\d:\d\d:\d\d \[INF\]   ::notice::indented$"), "only a line that starts with :: is a command of the tool");
            Assert.That(result.Output, Does.Match(@"(?m)^\d\d:\d\d:\d\d \[INF\] plain$"));
        });
    }

    [Test]
    public async Task A_tool_that_did_not_opt_in_cannot_send_workflow_commands()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("printf", ["::stop-commands::token\n"])));

        Assert.That(result.Output, Does.Match(@"(?m)^\d\d:\d\d:\d\d \[INF\] ::stop-commands::token$"));
    }

    [Test]
    public async Task Outside_GitHub_Actions_a_tool_s_workflow_command_is_an_ordinary_log_line()
    {
        Repository.Environment.Remove("GITHUB_ACTIONS");

        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("printf", ["::error title=Some_test::it failed\n"],
            new ToolOptions { PassWorkflowCommands = true })));

        Assert.That(result.Output, Does.Match(@"(?m)^\d\d:\d\d:\d\d \[INF\] ::error title=Some_test::it failed$"));
    }

    [Test]
    public void A_coloured_line_resets_its_colour_before_the_newline_so_the_next_line_can_be_a_workflow_command()
    {
        var output = new StringWriter();
        var error = new Serilog.Events.LogEvent(DateTimeOffset.Now, Serilog.Events.LogEventLevel.Error, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Target Test failed"), []);

        new ConsoleFormatter(colors: true, bareWorkflowCommands: true).Format(error, output);

        Assert.That(output.ToString(), Does.StartWith(Ansi.Red).And.EndWith($"Target Test failed{Ansi.Reset}{Environment.NewLine}"));
    }

    [Test]
    public async Task Outside_GitHub_Actions_there_are_no_workflow_commands()
    {
        Repository.Environment.Remove("GITHUB_ACTIONS");

        var result = await RunAsync(new AnnotationBuild());

        Assert.That(result.Output, Does.Not.Contain("::group::").And.Not.Contain("::error::"));
        Assert.That(File.Exists(StepSummary), Is.False);
    }
}

internal sealed class AnnotationBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Compile)];

    public Target Compile => _ => _.Executes(() => throw new BuildFailedException("first line\nsecond line"));
}

using Tooling;

namespace BuildEngine.Tests;

public sealed class ToolRunnerTests : BuildFixture
{
    [Test]
    public async Task A_non_zero_exit_fails_the_target_with_the_last_lines_of_output()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("sh", ["-c", "echo compiling; echo 'CS1002: ; expected' >&2; exit 3"])));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.SummaryStatusOf("Run"), Is.EqualTo("Failed"));
        // Standard output and standard error are two pipes: which line arrives first is up to the scheduler, not the runner.
        Assert.That(result.Output, Does.Contain("'sh' exited with code 3. Last lines of its output:\ncompiling\nCS1002: ; expected")
            .Or.Contain("'sh' exited with code 3. Last lines of its output:\nCS1002: ; expected\ncompiling"));
    }

    [Test]
    public async Task A_non_zero_exit_can_be_tolerated()
    {
        ToolResult? tool = null;

        var result = await RunAsync(new ToolBuild(async tools =>
            tool = await tools.RunAsync("sh", ["-c", "exit 4"], new ToolOptions { ThrowOnFailure = false })));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(tool!.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task A_missing_tool_fails_saying_it_is_not_on_PATH()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("xyz-no-such-tool", [])));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Tool 'xyz-no-such-tool' was not found on PATH. Install xyz-no-such-tool and make sure it is on PATH."));
    }

    [Test]
    public async Task A_tool_is_found_on_the_build_s_PATH_not_the_process_s()
    {
        var directory = Directory.CreateTempSubdirectory("tool-path-");
        try
        {
            var probe = Path.Combine(directory.FullName, "path-probe");
            File.Copy("/bin/echo", probe); // keeps its execute bits
            var build = new Dictionary<string, string> { ["PATH"] = $"{directory.FullName}:/usr/bin:/bin" };
            var tools = new ToolRunner(Serilog.Core.Logger.None, () => CancellationToken.None, new ChildEnvironment(build, _ => false, () => []));

            var probed = await tools.RunAsync("path-probe", ["found on the build's PATH"], new ToolOptions { LogOutput = false });

            Assert.That(Environment.GetEnvironmentVariable("PATH"), Does.Not.Contain(directory.FullName), "the process's PATH must not have the probe's folder");
            Assert.That(probed.StandardOutput.Trim(), Is.EqualTo("found on the build's PATH"));
            Assert.That(() => ToolResolver.Resolve("path-probe"), Throws.TypeOf<BuildFailedException>(), "the process's PATH found the probe");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_tool_got_by_name_fails_when_missing_with_its_install_hint()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.Get("xyz-no-such-tool", "Install xyz from https://example.org/xyz.")([])));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Tool 'xyz-no-such-tool' was not found on PATH. Install xyz from https://example.org/xyz."));
    }

    [Test]
    public async Task A_tool_got_by_name_logs_its_command_line_and_a_call_s_own_install_hint_wins()
    {
        ToolResult? tool = null;

        var result = await RunAsync(new ToolBuild(async tools =>
        {
            tool = await tools.Get("echo", "Install coreutils.")(["hello", "two words"]);
            await tools.Get("xyz-no-such-tool", "Install xyz.")([], new ToolOptions { InstallHint = "Run setup-xyz.sh." });
        }));

        Assert.That(tool!.StandardOutput, Is.EqualTo("hello two words"));
        Assert.That(result.Output, Does.Match(@"(?m)\[INF\] > /\S*/echo hello ""two words""$"));
        Assert.That(result.Output, Does.Contain("Tool 'xyz-no-such-tool' was not found on PATH. Run setup-xyz.sh."));
    }

    [Test]
    public async Task The_command_line_is_logged_with_arguments_quoted_as_needed()
    {
        var result = await RunAsync(new ToolBuild(tools => tools.RunAsync("echo", ["hello", "two words"])));

        Assert.That(result.Output, Does.Match(@"(?m)\[INF\] > /\S*/echo hello ""two words""$"));
        Assert.That(result.Output, Does.Match(@"(?m)\[INF\] hello two words$"), "output lines are logged");
    }

    [Test]
    public async Task Standard_input_reaches_the_tool_and_is_not_logged()
    {
        ToolResult? tool = null;

        var result = await RunAsync(new ToolBuild(async tools =>
            tool = await tools.RunAsync("wc", ["-c"], new ToolOptions { StandardInput = "stdin-payload" })));

        Assert.That(tool!.StandardOutput.Trim(), Is.EqualTo("13"));
        Assert.That(result.Output, Does.Not.Contain("stdin-payload"));
        Assert.That(Repository.BuildLog, Does.Not.Contain("stdin-payload"));
    }
}

/// <summary>One target, Run, whose action the test supplies.</summary>
internal sealed class ToolBuild(Func<ToolRunner, Task> action) : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Run)];

    public Target Run => _ => _.Executes(() => action(Tools));
}

namespace Build.Tests.Bootstrap;

/// <summary>
/// build.sh (bash) and build.ps1 (pwsh) as a user runs them: help, a target, a failing target's exit code, an unknown
/// target, and the build project rebuilt exactly when one of its inputs changed. build.ps1 needs pwsh on PATH or $PWSH
/// (docs/build.md#test-categories); without it these tests fail, naming the install.
/// </summary>
[TestFixture(BootstrapScript.Bash)]
[TestFixture(BootstrapScript.PowerShell)]
public sealed class BootstrapTests(string name)
{
    private readonly BootstrapScript script = new(name);

    [Test]
    public async Task Help_lists_the_dotnet_targets_with_their_dependencies_and_the_parameters()
    {
        var result = await script.Run(Repository.Root, "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  Clean\s*$"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  Restore\s*$"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  Compile \(default\)\s+-> Restore$"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  Test\s+-> Compile$"));
            Assert.That(result.StandardOutput, Does.Contain("--configuration"));
            Assert.That(result.StandardOutput, Does.Contain("One of: Debug, Release."));
        });
    }

    [Test]
    public async Task A_target_runs_and_the_script_exits_with_zero()
    {
        var result = await script.Run(Repository.Root, "Version", "--no-logo");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StandardOutput + result.StandardError);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^Version\s+Succeeded"));
            Assert.That(result.StandardOutput, Does.Contain("Build succeeded"));
        });
    }

    [Test]
    public async Task A_failing_target_fails_the_script_with_the_build_s_exit_code()
    {
        // A value with a space: it must reach the build as one argument through either script.
        var result = await script.Run(Repository.Root, "Version", "--image-name", "Not Valid");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardOutput + result.StandardError);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^Version\s+Failed"));
            Assert.That(result.StandardOutput, Does.Contain("'Not Valid' is not a valid image name"));
            Assert.That(result.StandardOutput, Does.Contain("Build failed"));
        });
    }

    [Test]
    public async Task An_unknown_target_fails_and_names_the_available_targets()
    {
        var result = await script.Run(Repository.Root, "NoSuchTarget");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("Target 'NoSuchTarget' does not exist"));
            Assert.That(result.StandardOutput, Does.Match(@"Available targets: (?=.*\bClean\b)(?=.*\bCompile\b)(?=.*\bRestore\b)(?=.*\bTest\b)"));
        });
    }

    [Test]
    public async Task A_second_run_does_not_rebuild_the_build_project()
    {
        await script.Run(Repository.Root, "--help");
        var built = BuiltState.Of(Repository.Root);

        var result = await script.Run(Repository.Root, "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(BuiltState.Of(Repository.Root), Is.EqualTo(built));
        });
    }

    // Rebuilding replaces build/Build/bin/_build.dll, which may be running this test run: these work on a copy of the build.

    [Test]
    public async Task A_changed_input_rebuilds_the_build_project_once()
    {
        var copy = await BuildCopy.Shared;
        await Settle(copy);
        var built = BuiltState.Of(copy.Root);

        copy.ChangeAnInput();
        var rebuilt = await script.Run(copy.Root, "--help");
        var afterRebuild = BuiltState.Of(copy.Root);
        var again = await script.Run(copy.Root, "--help");

        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.StandardError);
            Assert.That(afterRebuild.DllWritten, Is.GreaterThan(built.DllWritten), "the changed input did not rebuild _build.dll");
            Assert.That(afterRebuild.Stamp, Is.Not.EqualTo(built.Stamp), "the stamp still holds the old inputs' hash");
            Assert.That(again.ExitCode, Is.Zero, again.StandardError);
            Assert.That(BuiltState.Of(copy.Root), Is.EqualTo(afterRebuild), "the run after the rebuild rebuilt again");
        });
    }

    [Test]
    public async Task The_other_script_s_build_is_reused_without_a_rebuild()
    {
        var copy = await BuildCopy.Shared;
        copy.ChangeAnInput();
        var other = await script.Other.Run(copy.Root, "--help");
        var built = BuiltState.Of(copy.Root);

        var result = await script.Run(copy.Root, "--help");

        Assert.Multiple(() =>
        {
            Assert.That(other.ExitCode, Is.Zero, other.StandardError);
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
            Assert.That(BuiltState.Of(copy.Root), Is.EqualTo(built), $"{script} rebuilt what {script.Other} had built: their input hashes differ");
        });
    }

    [Test]
    public async Task A_build_project_that_does_not_compile_fails_the_script_with_the_compiler_s_output()
    {
        var copy = await BuildCopy.Shared;
        var broken = copy.BreakAnInput();
        try
        {
            var result = await script.Run(copy.Root, "--help");

            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(1));
                Assert.That(result.StandardError, Does.Contain("error CS"), "the compiler's output");
                Assert.That(result.StandardError, Does.Contain("error: the build project did not compile (see above)."));
                Assert.That(result.StandardOutput, Does.Not.Contain("Targets (with their direct dependencies)"), "the old build ran");
                Assert.That(BuiltState.Of(copy.Root).Stamp, Is.Empty, "a stamp is left: the next run would not rebuild");
            });
        }
        finally
        {
            File.Delete(broken);
        }
    }

    /// <summary>One run, so that the copy is built and stamped whatever state the checkout's stamp was in.</summary>
    private async Task Settle(BuildCopy copy)
    {
        var settled = await script.Run(copy.Root, "--help");
        Assert.That(settled.ExitCode, Is.Zero, settled.StandardError);
    }
}

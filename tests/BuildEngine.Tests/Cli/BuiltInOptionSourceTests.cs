namespace BuildEngine.Tests;

/// <summary>
/// The built-ins that say how to run (--target, --skip, --verbosity, --host, --no-logo) may come from a parameters file
/// or a NUKE_ variable, as the schema offers them; the others are command line only, like any CommandLineOnly parameter.
/// </summary>
public sealed class BuiltInOptionSourceTests : BuildFixture
{
    [Test]
    public async Task Verbosity_and_no_logo_from_a_parameters_file_apply()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "Verbosity": "Quiet", "NoLogo": true }""");

        var result = await RunAsync(new LinearBuild(), "Compile");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Output, Does.Not.Contain("LinearBuild ·"), "no logo");
        Assert.That(result.Output, Does.Not.Contain("[INF]"), "quiet: errors only");
    }

    [Test]
    public async Task Targets_from_a_file_run_unless_the_command_line_names_targets()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "Target": ["Restore"] }""");

        var fromFile = new LinearBuild();
        await RunAsync(fromFile);
        var named = new LinearBuild();
        await RunAsync(named, "Compile");

        Assert.That(fromFile.Executed, Is.EqualTo(["Restore"]));
        Assert.That(named.Executed, Is.EqualTo(["Restore", "Compile"]));
    }

    [Test]
    public async Task A_prefixed_variable_sets_a_built_in_and_a_bare_one_does_not()
    {
        Repository.Environment["NUKE_NO_LOGO"] = "true";
        Repository.Environment["HOST"] = "build-machine-7"; // what tcsh exports: not a --host value, and not meant as one

        var result = await RunAsync(new LinearBuild(), "Compile");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Output, Does.Not.Contain("LinearBuild ·"));
    }

    [Test]
    public async Task A_command_line_only_built_in_in_a_file_fails_naming_the_file()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "Plan": true }""");

        var result = await RunAsync(new LinearBuild(), "Compile");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("--plan is taken from the command line only, and the .nuke/parameters.json key 'Plan' sets it."));
    }
}

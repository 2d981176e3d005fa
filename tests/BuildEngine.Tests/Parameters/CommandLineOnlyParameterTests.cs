namespace BuildEngine.Tests;

/// <summary>
/// A switch whose effect cannot be undone (Cleanup's --apply) is taken from the command line only: left in the
/// environment or a parameters file it fails the build, never acts unnoticed.
/// </summary>
public sealed class CommandLineOnlyParameterTests : BuildFixture
{
    [Test]
    public async Task On_the_command_line_it_is_set()
    {
        var build = new DestructiveBuild();

        var result = await RunAsync(build, "Prune", "--apply");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Applied, Is.True);
    }

    [Test]
    public async Task From_the_environment_it_fails_naming_the_variable_and_nothing_runs()
    {
        Repository.Environment["APPLY"] = "true";
        var build = new DestructiveBuild();

        var result = await RunAsync(build, "Prune");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Contain("--apply is taken from the command line only, and the environment variable APPLY sets it."));
            Assert.That(build.Executed, Is.Empty);
        });
    }

    [Test]
    public async Task From_a_parameters_file_it_fails_naming_the_file()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "Apply": true }""");

        var result = await RunAsync(new DestructiveBuild(), "Prune");

        Assert.That(result.Output, Does.Contain("--apply is taken from the command line only, and the .nuke/parameters.json key 'Apply' sets it."));
    }

    [Test]
    public async Task Help_says_so()
    {
        var result = await RunAsync(new DestructiveBuild(), "--help");

        Assert.That(result.Output, Does.Contain("Command line only."));
    }
}

internal sealed class DestructiveBuild : TestBuild
{
    [Parameter("Delete for real.", CommandLineOnly = true)]
    public bool Apply { get; set; }

    public bool Applied { get; private set; }

    public Target Prune => _ => _.Executes(() =>
    {
        Record()();
        Applied = Apply;
    });
}

namespace BuildEngine.Tests;

/// <summary><c>./build.sh &lt;Target&gt; --help</c>: one target's relations, files, tools and the parameters it reads.</summary>
public sealed class TargetHelpTests : BuildFixture
{
    [Test]
    public async Task A_target_before_help_describes_that_target_and_runs_nothing()
    {
        var build = new TargetHelpBuild();

        var result = await RunAsync(build, "Publish", "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.Empty);
        Snapshot.Match(result.Output, "TargetHelpText");
    }

    [Test]
    public async Task Help_with_a_target_name_says_the_same()
    {
        var before = await RunAsync(new TargetHelpBuild(), "Publish", "--help");

        var after = await RunAsync(new TargetHelpBuild(), "--help", "publish");

        Assert.That(after.Output, Is.EqualTo(before.Output));
    }

    [Test]
    public async Task It_names_direct_and_transitive_dependencies_and_the_parameters_read()
    {
        var result = await RunAsync(new TargetHelpBuild(), "Publish", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("Depends on:           Package\n"));
            Assert.That(result.Output, Does.Contain("Transitively:         Restore, Compile\n"));
            Assert.That(result.Output, Does.Match(@"--registry\s+Required\. Registry to push to\."));
            Assert.That(result.Output, Does.Match(@"--image-name\s+Image name under the registry\."));
            Assert.That(result.Output, Does.Not.Contain("--configuration"), "Publish does not read it");
        });
    }

    [Test]
    public async Task A_mistyped_target_in_help_fails_with_a_suggestion()
    {
        var result = await RunAsync(new TargetHelpBuild(), "Pubilsh", "--help");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Target 'Pubilsh' does not exist. Did you mean Publish? Available targets:"));
    }

    [Test]
    public async Task Reading_a_name_that_is_no_parameter_fails_naming_it()
    {
        var result = await RunAsync(new MisreadBuild(), "Compile", "--help");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Target 'Compile' reads 'Registy', which is not a parameter of the build."));
    }
}

internal sealed class TargetHelpBuild : TestBuild
{
    [Parameter("Configuration to build.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Registry to push to.")]
    public string? Registry { get; set; }

    [Parameter("Image name under the registry.")]
    public string? ImageName { get; set; }

    [Parameter("Password of the registry."), Secret]
    public string? RegistryPassword { get; set; }

    public Target Restore => _ => _
        .Executes(Record());

    public Target Compile => _ => _
        .DependsOn(Restore)
        .Reads(nameof(Configuration))
        .Executes(Record());

    public Target Package => _ => _
        .DependsOn(Compile)
        .Produces(ArtifactsDirectory / "package.zip")
        .Executes(Record());

    public Target Test => _ => _
        .DependsOn(Compile)
        .Executes(Record());

    public Target Publish => _ => _
        .Description("Pushes the package to the registry.")
        .DependsOn(Package)
        .After(Test)
        .Triggers(Announce)
        .Consumes(Package, ArtifactsDirectory / "package.zip")
        .UsesTools("oras")
        .Requires(() => Registry)
        .Reads(nameof(ImageName), nameof(RegistryPassword))
        .Executes(Record());

    public Target Announce => _ => _
        .Executes(Record());
}

internal sealed class MisreadBuild : TestBuild
{
    public Target Compile => _ => _
        .Reads("Registy")
        .Executes(Record());
}

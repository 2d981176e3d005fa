namespace BuildEngine.Tests;

public sealed class HelpTests : BuildFixture
{
    [Test]
    public async Task Help_lists_targets_and_parameters_and_runs_nothing()
    {
        var build = new HelpBuild();

        var result = await RunAsync(build, "--help");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(build.Executed, Is.Empty);
        Snapshot.Match(result.Output, "HelpText");
    }

    [Test]
    public async Task Help_does_not_list_unlisted_targets()
    {
        var result = await RunAsync(new HelpBuild(), "--help");

        Assert.That(result.Output, Does.Not.Contain("Housekeeping"));
    }
}

/// <summary>A representative build: descriptions (one long enough to wrap), a default, an unlisted target, every kind of parameter.</summary>
internal sealed class HelpBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Compile)];

    [Parameter("Configuration to build. Default: Debug on a developer machine, Release on CI.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Registry to push the images to.")]
    public string? Registry { get; set; }

    [Parameter("Password of the registry; read from the environment on CI."), Secret]
    public string? RegistryPassword { get; set; }

    [Parameter("Restore without --locked-mode and rewrite the packages.lock.json files (after changing a package), which a CI build never does.")]
    public bool UpdateLockFiles { get; set; }

    [Parameter("Images to build.")]
    public string[] Images { get; set; } = [];

    [Parameter]
    public Tint Tint { get; set; }

    // Its option is exactly as wide as the name column: the description goes on the next line, never glued to it.
    [Parameter("What an image over the size budget does.")]
    public string? ImageSizeBudgetAction { get; set; }

    public Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders.")
        .Before(Restore)
        .Executes(Record());

    public Target Restore => _ => _
        .Description("Restores NuGet packages exactly as the lock files say (--update-lock-files to rewrite them).")
        .Executes(Record());

    public Target Compile => _ => _
        .Description("Builds the solution (warnings are errors).")
        .DependsOn(Restore)
        .Executes(Record());

    public Target Test => _ => _
        .Description("Runs every test project; TRX results go to artifacts/test-results/, and any failed test fails the target, so that a red test never goes unnoticed.")
        .DependsOn(Compile)
        .Executes(Record());

    public Target Publish => _ => _
        .DependsOn(Test, Clean)
        .Requires(() => Registry)
        .Executes(Record());

    public Target Housekeeping => _ => _
        .Unlisted()
        .Executes(Record());
}

namespace BuildEngine.Tests;

public sealed class SkipTests : BuildFixture
{
    [Test]
    public async Task Skip_cascades_to_dependencies_that_no_running_target_needs()
    {
        var build = new SkipBuild();

        var result = await RunAsync(build, "Test", "--skip", "Compile");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Test"]));
        Assert.That(result.SummaryRowOf("Compile"), Does.Contain("Skipped: via --skip"));
        Assert.That(result.SummaryRowOf("Generate"), Does.Contain("Skipped: only needed by skipped Compile"));
        Assert.That(result.SummaryRowOf("Restore"), Does.Contain("Skipped: only needed by skipped Compile"));
    }

    [Test]
    public async Task Skip_does_not_cascade_to_a_dependency_another_running_target_needs()
    {
        var build = new SkipBuild();

        var result = await RunAsync(build, "Test", "Lint", "--skip", "Compile");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Lint", "Test"]), "Lint still needs Restore; only Compile needed Generate");
    }

    [Test]
    public async Task A_bare_skip_runs_only_the_invoked_targets()
    {
        var build = new SkipBuild();

        var result = await RunAsync(build, "Test", "Lint", "--skip");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Lint", "Test"]));
    }

    [Test]
    public async Task A_false_static_condition_skips_the_target_showing_the_condition()
    {
        var build = new ConditionBuild();

        var result = await RunAsync(build, "Publish");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.SummaryRowOf("Publish"), Does.Contain("Skipped").And.Contain("OnlyWhen: IsReleaseBranch"));
        Assert.That(build.Executed, Is.EqualTo(["Pack"]), "by default the dependencies of a skipped target still run");
    }

    [Test]
    public async Task WhenSkipped_Skip_cascades_to_the_dependencies()
    {
        var build = new ConditionBuild();

        var result = await RunAsync(build, "Deploy");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.Empty);
        Assert.That(result.SummaryRowOf("Image"), Does.Contain("Skipped: only needed by skipped Deploy"));
    }
}

/// <summary>Restore and Generate ← Compile ← Test; Restore ← Lint.</summary>
internal sealed class SkipBuild : TestBuild
{
    public Target Restore => _ => _.Executes(Record());

    public Target Generate => _ => _.Executes(Record());

    public Target Compile => _ => _.DependsOn(Restore, Generate).Executes(Record());

    public Target Lint => _ => _.DependsOn(Restore).Executes(Record());

    public Target Test => _ => _.DependsOn(Compile).Executes(Record());
}

internal sealed class ConditionBuild : TestBuild
{
    private bool IsReleaseBranch => false;

    public Target Pack => _ => _.Executes(Record());

    public Target Publish => _ => _.DependsOn(Pack).OnlyWhenStatic(() => IsReleaseBranch).Executes(Record());

    public Target Image => _ => _.Executes(Record());

    public Target Deploy => _ => _
        .DependsOn(Image)
        .OnlyWhenStatic(() => IsReleaseBranch)
        .WhenSkipped(DependencyBehavior.Skip)
        .Executes(Record());
}

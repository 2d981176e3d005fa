namespace BuildEngine.Tests;

public sealed class PlannerTests : BuildFixture
{
    [Test]
    public async Task Runs_the_default_target_with_its_dependencies_when_no_target_is_given()
    {
        var build = new LinearBuild();

        var result = await RunAsync(build);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Compile"]));
    }

    [Test]
    public async Task Runs_dependencies_before_the_invoked_target()
    {
        var build = new LinearBuild();

        await RunAsync(build, "Test");

        Assert.That(build.Executed, Is.EqualTo(["Restore", "Compile", "Test"]));
    }

    [TestCase("com-pile")]
    [TestCase("COMPILE")]
    [TestCase("compile")]
    public async Task Finds_targets_ignoring_case_and_dashes(string name)
    {
        var build = new LinearBuild();

        var result = await RunAsync(build, name);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Compile"]));
    }

    [Test]
    public async Task An_unknown_target_fails_and_lists_the_available_ones()
    {
        var build = new LinearBuild();

        var result = await RunAsync(build, "Deploy");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Target 'Deploy' does not exist. Available targets: Compile, Restore, Test."));
        Assert.That(build.Executed, Is.Empty);
    }

    [Test]
    public async Task A_cycle_fails_naming_the_targets_in_it()
    {
        var build = new CycleBuild();

        var result = await RunAsync(build, "Publish");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Circular dependencies between targets: Test -> Compile -> Test."));
        Assert.That(build.Executed, Is.Empty);
    }

    [Test]
    public async Task Triggers_and_TriggeredBy_add_targets_that_run_after_the_trigger()
    {
        var build = new RelationsBuild();

        await RunAsync(build, "Compile");

        Assert.That(build.Executed, Is.EqualTo(["Compile", "Notify", "Publish"]));
    }

    [Test]
    public async Task After_and_Before_do_not_add_targets()
    {
        var build = new RelationsBuild();

        await RunAsync(build, "Report");

        Assert.That(build.Executed, Is.EqualTo(["Report"]));
    }

    [Test]
    public async Task After_and_Before_order_targets_that_are_both_planned()
    {
        var build = new RelationsBuild();

        await RunAsync(build, "Report", "Lint", "Clean");

        // Declared Report, Lint, Clean; Report.After(Lint) and Clean.Before(Lint) reorder them.
        Assert.That(build.Executed, Is.EqualTo(["Clean", "Lint", "Report"]));
    }

    [Test]
    public async Task DependentFor_makes_the_given_target_depend_on_this_one()
    {
        var build = new RelationsBuild();

        await RunAsync(build, "Package");

        Assert.That(build.Executed, Is.EqualTo(["Version", "Package"]));
    }

    [Test]
    public async Task Ties_are_broken_by_declaration_order()
    {
        var build = new IndependentBuild();

        await RunAsync(build, "Gamma", "Alpha", "Beta");

        Assert.That(build.Executed, Is.EqualTo(["Alpha", "Beta", "Gamma"]));
    }

    [Test]
    public async Task Targets_of_component_interfaces_are_discovered_and_can_be_depended_on()
    {
        var build = new ComponentBuild();

        var result = await RunAsync(build, "Compile");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Compile"]));
    }

    [Test]
    public async Task A_component_target_can_be_invoked_by_name()
    {
        var build = new ComponentBuild();

        await RunAsync(build, "restore");

        Assert.That(build.Executed, Is.EqualTo(["Restore"]));
    }

    [Test]
    public async Task TryDependsOn_a_component_the_build_does_not_implement_adds_nothing()
    {
        var build = new ComponentBuild();

        var result = await RunAsync(build, "Release");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Release"]));
    }

    [Test]
    public async Task TryDependsOn_an_implemented_component_depends_on_its_target()
    {
        var build = new ComponentBuild();

        await RunAsync(build, "Package");

        Assert.That(build.Executed, Is.EqualTo(["Restore", "Package"]));
    }
}

/// <summary>Compile and Test depend on each other; Publish depends on Test.</summary>
internal sealed class CycleBuild : TestBuild
{
    public Target Publish => _ => _.DependsOn(Test).Executes(Record());

    public Target Compile => _ => _.DependsOn(Test).Executes(Record());

    public Target Test => _ => _.DependsOn(Compile).Executes(Record());
}

/// <summary>Each relation other than DependsOn, declared so that declaration order alone would give another order.</summary>
internal sealed class RelationsBuild : TestBuild
{
    public Target Notify => _ => _.TriggeredBy(Compile).Executes(Record());

    public Target Publish => _ => _.Executes(Record());

    public Target Compile => _ => _.Triggers(Publish).Executes(Record());

    public Target Report => _ => _.After(Lint).Executes(Record());

    public Target Lint => _ => _.Executes(Record());

    public Target Clean => _ => _.Before(Lint).Executes(Record());

    public Target Package => _ => _.Executes(Record());

    public Target Version => _ => _.DependentFor(Package).Executes(Record());
}

internal sealed class IndependentBuild : TestBuild
{
    public Target Alpha => _ => _.Executes(Record());

    public Target Beta => _ => _.Executes(Record());

    public Target Gamma => _ => _.Executes(Record());
}

public interface IRecordingBuild
{
    List<string> Executed { get; }
}

/// <summary>A component: its target is a default interface member.</summary>
public interface IHasRestore : IRecordingBuild
{
    Target Restore => _ => _.Executes(() => Executed.Add(nameof(Restore)));
}

/// <summary>A component the build below does not implement.</summary>
public interface IHasSigning : IRecordingBuild
{
    Target Sign => _ => _.Executes(() => Executed.Add(nameof(Sign)));
}

internal sealed class ComponentBuild : TestBuild, IHasRestore
{
    public Target Compile => _ => _.DependsOn<IHasRestore>(x => x.Restore).Executes(Record());

    public Target Package => _ => _.TryDependsOn<IHasRestore>(x => x.Restore).Executes(Record());

    public Target Release => _ => _.TryDependsOn<IHasSigning>(x => x.Sign).Executes(Record());
}

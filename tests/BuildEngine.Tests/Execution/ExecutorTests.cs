using System.Diagnostics;
using Tooling;

namespace BuildEngine.Tests;

public sealed class ExecutorTests : BuildFixture
{
    [Test]
    public async Task A_failing_target_stops_the_build_and_later_targets_are_not_run()
    {
        var build = new LinearBuild { Failing = ["Compile"] };

        var result = await RunAsync(build, "Test");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Compile"]));
        Assert.That(result.SummaryStatusOf("Restore"), Is.EqualTo("Succeeded"));
        Assert.That(result.SummaryStatusOf("Compile"), Is.EqualTo("Failed"));
        Assert.That(result.SummaryStatusOf("Test"), Is.EqualTo("NotRun"));
        Assert.That(result.Output, Does.Contain("Build failed on"));
    }

    [Test]
    public async Task An_assured_target_runs_after_a_failure_while_unrelated_targets_do_not()
    {
        var build = new FailureBuild { Failing = ["Compile"] };

        var result = await RunAsync(build, "Test", "Docs", "Cleanup");

        Assert.That(build.Executed, Is.EqualTo(["Compile", "Cleanup"]));
        Assert.That(result.SummaryStatusOf("Docs"), Is.EqualTo("NotRun"));
        Assert.That(result.SummaryStatusOf("Cleanup"), Is.EqualTo("Succeeded"));
        Assert.That(result.ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task ProceedAfterFailure_lets_unrelated_targets_run_but_not_the_dependents()
    {
        var build = new FailureBuild { Failing = ["Compile"], CompileProceedsAfterFailure = true };

        var result = await RunAsync(build, "Test", "Docs", "Cleanup");

        Assert.That(build.Executed, Is.EqualTo(["Compile", "Docs", "Cleanup"]));
        Assert.That(result.SummaryRowOf("Test"), Does.Contain("NotRun").And.Contain("dependency Compile did not succeed"));
        Assert.That(result.ExitCode, Is.Not.Zero, "the build still failed");
    }

    [Test]
    public async Task A_target_without_actions_is_Collective()
    {
        var build = new FailureBuild();

        var result = await RunAsync(build, "All");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Compile", "Test", "Docs"]));
        Assert.That(result.SummaryStatusOf("All"), Is.EqualTo("Collective"));
    }

    [Test]
    public async Task A_missing_required_parameter_fails_before_any_target_runs_naming_its_option()
    {
        var build = new RequirementBuild();

        var result = await RunAsync(build, "Publish");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(build.Executed, Is.Empty, "not even Restore, which has no requirement, may run");
        Assert.That(result.Output, Does.Contain("Target 'Publish' requires parameter --api-key (or environment variable API_KEY), which has no value."));
    }

    [Test]
    public async Task A_false_required_condition_fails_before_any_target_runs()
    {
        var build = new RequirementBuild();

        var result = await RunAsync(build, "Scale", "--replicas", "0");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(build.Executed, Is.Empty);
        Assert.That(result.Output, Does.Contain("Target 'Scale' requires --replicas > 0, which is false: pass values that satisfy it."));
        Assert.That(build.FinishedWith, Is.False, "a run that failed before its first target still finishes (metrics, failure notice)");
    }

    [Test]
    public async Task Met_requirements_let_the_targets_run()
    {
        var build = new RequirementBuild();

        var result = await RunAsync(build, "Publish", "Scale", "--api-key", "key", "--replicas", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Restore", "Publish", "Scale"]));
    }

    [Test]
    public async Task Async_actions_complete_before_the_next_target_starts()
    {
        var build = new AsyncBuild();

        var result = await RunAsync(build, "Second");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["First:start", "First:end", "Second"]));
    }

    [Test]
    public async Task A_false_dynamic_condition_skips_the_target_when_it_is_reached()
    {
        var build = new AsyncBuild();

        var result = await RunAsync(build, "Publish");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["First:start", "First:end"]));
        Assert.That(result.SummaryRowOf("Publish"), Does.Contain("Skipped").And.Contain("OnlyWhen: ShouldPublish"));
    }

    [Test]
    public async Task Cancellation_aborts_the_running_target_and_still_runs_assured_targets()
    {
        using var cancellation = new BuildCancellation();
        var build = new CancellationBuild(cancellation);
        var targets = TargetDiscovery.Discover(build, []);
        var plan = ExecutionPlanner.Plan(targets, ["Package", "Cleanup"]);
        var executor = new TargetExecutor(new BuildHost(TextWriter.Null, new SecretMasker(), colors: false), Serilog.Core.Logger.None, cancellation);
        var stopwatch = Stopwatch.StartNew();

        var succeeded = await executor.RunAsync(plan);

        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the running action must be abandoned, not awaited");
        Assert.That(succeeded, Is.False);
        Assert.That(plan.Select(target => (target.Name, target.Status)), Is.EqualTo(new[]
        {
            ("Compile", TargetStatus.Succeeded),
            ("Test", TargetStatus.Aborted),
            ("Package", TargetStatus.NotRun),
            ("Cleanup", TargetStatus.Succeeded),
        }));
        Assert.That(build.CleanupToken.CanBeCanceled, Is.False, "assured targets get a token that is not already cancelled");
    }
}

/// <summary>Compile ← Test, an unrelated Docs, an assured Cleanup and a Collective All.</summary>
internal sealed class FailureBuild : TestBuild
{
    public bool CompileProceedsAfterFailure { get; init; }

    public Target Compile => _ => CompileProceedsAfterFailure
        ? _.Executes(Record()).ProceedAfterFailure()
        : _.Executes(Record());

    public Target Test => _ => _.DependsOn(Compile).Executes(Record());

    public Target Docs => _ => _.Executes(Record());

    public Target Cleanup => _ => _.AssuredAfterFailure().Executes(Record());

    public Target All => _ => _.DependsOn(Test, Docs);
}

internal sealed class RequirementBuild : TestBuild
{
    [Parameter("Key for the package feed.")]
    public string? ApiKey { get; set; }

    [Parameter("How many instances to run.")]
    public int Replicas { get; set; }

    public Target Restore => _ => _.Executes(Record());

    public Target Publish => _ => _.DependsOn(Restore).Requires(() => ApiKey).Executes(Record());

    public Target Scale => _ => _.Requires(() => Replicas > 0).Executes(Record());
}

internal sealed class AsyncBuild : TestBuild
{
    private bool ShouldPublish { get; set; } = true;

    public Target First => _ => _.Executes(async () =>
    {
        Executed.Add("First:start");
        await Task.Delay(20);
        Executed.Add("First:end");
        ShouldPublish = false; // decided at run time, after the static conditions were evaluated
    });

    public Target Second => _ => _.DependsOn(First).Executes(Record());

    public Target Publish => _ => _.DependsOn(First).OnlyWhenDynamic(() => ShouldPublish).Executes(Record());
}

/// <summary>Test presses Ctrl-C (as far as the build can tell) and then hangs.</summary>
internal sealed class CancellationBuild(BuildCancellation cancellation) : TestBuild
{
    public CancellationToken CleanupToken { get; private set; }

    public Target Compile => _ => _.Executes(Record());

    public Target Test => _ => _.DependsOn(Compile).Executes(async () =>
    {
        cancellation.Cancel();
        await Task.Delay(TimeSpan.FromSeconds(30)); // ignores the token: the executor must not wait for it
    });

    public Target Package => _ => _.DependsOn(Test).Executes(Record());

    public Target Cleanup => _ => _.AssuredAfterFailure().Executes(() => CleanupToken = cancellation.Current);
}

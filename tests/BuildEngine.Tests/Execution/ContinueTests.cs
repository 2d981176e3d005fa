namespace BuildEngine.Tests;

public sealed class ContinueTests : BuildFixture
{
    [SetUp]
    public async Task FailAtCompile()
    {
        var first = new LinearBuild { Failing = ["Compile"] };
        var result = await RunAsync(first, "Test");
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(first.Executed, Is.EqualTo(["Restore", "Compile"]));
    }

    [Test]
    public async Task Continue_with_the_same_arguments_reruns_from_the_target_that_failed()
    {
        var fixedBuild = new LinearBuild();

        var result = await RunAsync(fixedBuild, "Test", "--continue");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(fixedBuild.Executed, Is.EqualTo(["Compile", "Test"]));
        Assert.That(result.SummaryRowOf("Restore"), Does.Contain("Skipped: succeeded in the previous attempt (--continue)"));
    }

    [Test]
    public async Task Continue_with_other_arguments_runs_everything()
    {
        var fixedBuild = new LinearBuild();

        var result = await RunAsync(fixedBuild, "Test", "--no-logo", "--continue");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(fixedBuild.Executed, Is.EqualTo(["Restore", "Compile", "Test"]));
    }

    [Test]
    public async Task Without_continue_everything_runs_again()
    {
        var fixedBuild = new LinearBuild();

        await RunAsync(fixedBuild, "Test");

        Assert.That(fixedBuild.Executed, Is.EqualTo(["Restore", "Compile", "Test"]));
    }
}

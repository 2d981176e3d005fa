namespace BuildEngine.Tests;

public sealed class PlanPageTests : BuildFixture
{
    private const string PagePath = ".nuke/temp/execution-plan.html";

    [Test]
    public async Task Plan_writes_the_page_and_runs_no_target()
    {
        var build = new LinearBuild();

        var result = await RunAsync(build, "Compile", "--plan");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.Empty);
        Assert.That(Repository.FileExists(PagePath), Is.True);
    }

    [Test]
    public async Task The_page_draws_a_node_for_every_target()
    {
        await RunAsync(new LinearBuild(), "Compile", "--plan");

        var page = Repository.ReadFile(PagePath);
        Assert.That(page, Does.Contain("<svg"));
        Assert.That(page, Does.Contain("data-target=\"Restore\"").And.Contain("data-target=\"Compile\"").And.Contain("data-target=\"Test\""));
        Assert.That(page, Does.Contain("class=\"target planned\" data-target=\"Compile\""));
        Assert.That(page, Does.Contain("class=\"target\" data-target=\"Test\""), "Test is drawn but not planned");
    }

    [Test]
    public async Task The_page_is_self_contained()
    {
        await RunAsync(new LinearBuild(), "Compile", "--plan");

        var page = Repository.ReadFile(PagePath);
        Assert.That(page, Does.Not.Match(@"<(script|link|img|iframe)\b"));
        Assert.That(page, Does.Not.Match(@"(src|href)\s*=\s*[""']?https?://"));
        Assert.That(page, Does.Not.Contain("@import"));
    }
}

namespace Build.Tests;

/// <summary>build.sh as a user runs it: help, an unknown target, and no rebuild when nothing changed.</summary>
public sealed class BootstrapTests
{
    [Test]
    public async Task Help_lists_the_dotnet_targets_with_their_dependencies_and_the_parameters()
    {
        var result = await Repository.BuildScript("--help");

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
    public async Task An_unknown_target_fails_and_names_the_available_targets()
    {
        var result = await Repository.BuildScript("NoSuchTarget");

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
        await Repository.BuildScript("--help");
        var builtAt = File.GetLastWriteTimeUtc(Repository.BuildDll);

        var result = await Repository.BuildScript("--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(File.GetLastWriteTimeUtc(Repository.BuildDll), Is.EqualTo(builtAt));
        });
    }
}

namespace Build.Tests;

/// <summary>The build's command line as a user meets it: one target's help, "did you mean", and bash completion.</summary>
public sealed class CliTests
{
    [Test]
    public async Task Push_help_names_its_dependencies_and_the_parameters_it_reads()
    {
        var result = await Repository.BuildScript("Push", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^Depends on:\s+DockerBuild$"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^Triggers:\s+RegistryLogout$"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  --registry\s"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  --image-name\s"));
            Assert.That(result.StandardOutput, Does.Match(@"(?m)^  --registry-password\s"));
            Assert.That(result.StandardOutput, Does.Not.Contain("Targets (with their direct dependencies)"), "not the global help");
        });
    }

    [Test]
    public async Task A_mistyped_target_suggests_the_closest()
    {
        var result = await Repository.BuildScript("DockerBuidl");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain("Target 'DockerBuidl' does not exist. Did you mean DockerBuild? Available targets:"));
    }

    [Test]
    public async Task A_mistyped_parameter_suggests_the_closest()
    {
        var result = await Repository.BuildScript("Version", "--registy", "localhost:5000");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain("Unknown parameter '--registy'. Did you mean --registry?"));
    }

    [TestCase("Dock", "DockerBuild")]
    [TestCase("--image-size-budget-action ", "Fail Warn")]
    [TestCase("Push --verb", "--verbosity")]
    public async Task Bash_completion_sourced_as_documented_completes(string typed, string expected)
    {
        // As docs/build.md says to install it, then what bash's completion machinery does on <TAB>.
        var words = ("./build.sh " + typed).Split(' ');
        var quoted = string.Join(' ', words.Select(word => $"'{word}'"));
        var script = $"source <(./build.sh --completion bash) && COMP_WORDS=({quoted}) && COMP_CWORD={words.Length - 1} " +
                     "&& complete -p ./build.sh >/dev/null && _build_sh_complete && printf '%s\\n' \"${COMPREPLY[@]}\" | sort";

        var result = await Repository.Run("bash", ["--norc", "--noprofile", "-c", script], Repository.Root);

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(string.Join(' ', result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)), Is.EqualTo(expected));
    }
}

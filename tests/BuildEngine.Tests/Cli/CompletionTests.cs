using System.Diagnostics;

namespace BuildEngine.Tests;

/// <summary>
/// <c>--completion bash|zsh|pwsh</c>. The bash script is sourced in a real bash and its function called the way
/// bash's programmable completion calls it (COMP_WORDS, COMP_CWORD); zsh and pwsh may not be installed, so their
/// scripts are snapshots.
/// </summary>
public sealed class CompletionTests : BuildFixture
{
    [Test]
    public async Task Bash_completes_target_names_from_a_prefix()
    {
        var completions = await CompleteInBashAsync("./build.sh", "Dock");

        Assert.That(completions, Is.EqualTo(["DockerBuild", "DockerPush"]));
    }

    [Test]
    public async Task Bash_completes_targets_after_an_earlier_target_and_after_skip()
    {
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "Dockerb"), Is.Empty, "target names are case-sensitive in bash, as typed");
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "DockerB"), Is.EqualTo(["DockerBuild"]));
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "--skip", "Te"), Is.EqualTo(["Test"]));
    }

    [Test]
    public async Task Bash_completes_options_in_kebab_case_without_secrets()
    {
        var completions = await CompleteInBashAsync("./build.sh", "DockerBuild", "--reg");

        Assert.That(completions, Is.EqualTo(["--registry"]), "--registry-password is a secret, refused on the command line");
    }

    [Test]
    public async Task Bash_completes_the_values_of_an_enum_option()
    {
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "--tint", ""), Is.EqualTo(["Red", "Green", "Blue"]));
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "--verbosity", "Q"), Is.EqualTo(["Quiet"]));
        Assert.That(await CompleteInBashAsync("./build.sh", "--configuration", "Re"), Is.EqualTo(["Release"]));
    }

    [Test]
    public async Task Bash_offers_nothing_of_its_own_for_a_free_text_value()
    {
        Assert.That(await CompleteInBashAsync("./build.sh", "Test", "--registry", "Do"), Is.Empty);
    }

    [TestCase("bash")]
    [TestCase("zsh")]
    [TestCase("pwsh")]
    public async Task The_script_is_all_the_output_and_stays_as_reviewed(string shell)
    {
        var result = await RunAsync(new CompletionBuild(), "--completion", shell);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Snapshot.Match(result.Output, $"Completion.{shell}");
    }

    [Test]
    public async Task An_unknown_shell_fails_naming_the_shells()
    {
        var result = await RunAsync(new CompletionBuild(), "--completion", "fish");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("expected one of Bash, Zsh, Pwsh"));
    }

    private async Task<List<string>> CompleteInBashAsync(params string[] words)
    {
        var result = await RunAsync(new CompletionBuild(), "--completion", "bash");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var script = Repository.Root / "completion.bash";
        File.WriteAllText(script, result.Output);

        // Non-interactive bash, as the completion machinery would call the function: the words typed so far, the last one under the cursor.
        var quoted = string.Join(' ', words.Select(word => $"'{word}'"));
        var driver = $"source '{script}' && COMP_WORDS=({quoted}) && COMP_CWORD={words.Length - 1} && _build_sh_complete && printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c", driver]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.That(bash.ExitCode, Is.Zero, error);
        Assert.That(error, Is.Empty);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}

internal sealed class CompletionBuild : TestBuild
{
    [Parameter("Configuration to build.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Registry to push to.")]
    public string? Registry { get; set; }

    [Parameter("Password of the registry."), Secret]
    public string? RegistryPassword { get; set; }

    [Parameter("Colour of the logo.")]
    public Tint Tint { get; set; }

    public Target Test => _ => _.Executes(Record());

    public Target DockerBuild => _ => _.Executes(Record());

    public Target DockerPush => _ => _.DependsOn(DockerBuild).Executes(Record());

    public Target Housekeeping => _ => _.Unlisted().Executes(Record());
}

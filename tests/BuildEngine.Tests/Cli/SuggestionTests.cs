namespace BuildEngine.Tests;

/// <summary>"Did you mean X?" after the existing error text of a mistyped target, option or file key.</summary>
public sealed class SuggestionTests : BuildFixture
{
    [Test]
    public async Task A_mistyped_target_suggests_the_closest_and_keeps_the_error_and_exit_code()
    {
        var build = new SuggestionBuild();

        var result = await RunAsync(build, "DockerBuidl");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Contain("Target 'DockerBuidl' does not exist. Did you mean DockerBuild? Available targets: DockerBuild, DockerPush, Test."));
            Assert.That(build.Executed, Is.Empty);
        });
    }

    [Test]
    public async Task A_mistyped_option_suggests_the_parameter()
    {
        var result = await RunAsync(new SuggestionBuild(), "Test", "--registy", "example.com");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Unknown parameter '--registy'. Did you mean --registry? Run './build.sh --help' to list the parameters."));
    }

    [Test]
    public async Task A_mistyped_built_in_option_suggests_it()
    {
        var result = await RunAsync(new SuggestionBuild(), "Test", "--verbosty", "Quiet");

        Assert.That(result.Output, Does.Contain("Unknown parameter '--verbosty'. Did you mean --verbosity?"));
    }

    [Test]
    public async Task A_mistyped_file_key_suggests_the_parameter()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "Regsitry": "example.com" }""");

        var result = await RunAsync(new SuggestionBuild(), "Test");

        Assert.That(result.Output, Does.Contain(".nuke/parameters.json: unknown parameter 'Regsitry'. Did you mean Registry? Known parameters:"));
    }

    [Test]
    public async Task A_name_far_from_every_other_gets_no_suggestion()
    {
        var result = await RunAsync(new SuggestionBuild(), "Deploy");

        Assert.That(result.Output, Does.Contain("Target 'Deploy' does not exist. Available targets:"));
    }

    [TestCase("DockerBuidl", "DockerBuild", 1)] // a swapped pair is one edit
    [TestCase("registy", "registry", 1)]
    [TestCase("Test", "Test", 0)]
    [TestCase("abc", "ca", 3)] // optimal string alignment: no edit of a swapped pair again
    [TestCase("kitten", "sitting", 3)]
    public void The_distance_counts_edits(string a, string b, int expected) =>
        Assert.That(Suggestion.Distance(a, b), Is.EqualTo(expected));

    [Test]
    public void Equally_close_names_are_all_offered() =>
        Assert.That(Suggestion.DidYouMean("Tast", ["Test", "Toast", "Build"]), Is.EqualTo(" Did you mean Test or Toast?"));
}

internal sealed class SuggestionBuild : TestBuild
{
    [Parameter("Registry to push to.")]
    public string? Registry { get; set; }

    public Target Test => _ => _.Executes(Record());

    public Target DockerBuild => _ => _.Executes(Record());

    public Target DockerPush => _ => _.DependsOn(DockerBuild).Executes(Record());
}

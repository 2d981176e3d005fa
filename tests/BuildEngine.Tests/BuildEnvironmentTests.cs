namespace BuildEngine.Tests;

/// <summary>
/// One environment per run: what the test gives the build is what its parameters, its CI detection and its targets
/// read. The process holds other values here, so a read of the process's environment shows as a wrong value.
/// </summary>
[NonParallelizable] // sets variables of this process
public sealed class BuildEnvironmentTests : BuildFixture
{
    private readonly ProcessVariables process = new();

    [TearDown]
    public void RestoreTheProcessEnvironment() => process.Dispose();

    [Test]
    public async Task A_target_and_a_parameter_read_the_given_environment_not_the_process_one()
    {
        process.Set("PROBE", "from-the-process");
        process.Set("ONLY_IN_THE_PROCESS", "from-the-process");
        process.Set("RELEASE_CHANNEL", "from-the-process");
        Repository.Environment["PROBE"] = "given";
        Repository.Environment["RELEASE_CHANNEL"] = "given-channel";
        var build = new EnvironmentReadingBuild();

        var result = await RunAsync(build);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(build.Probe, Is.EqualTo("given"));
            Assert.That(build.OnlyInTheProcess, Is.Null);
            Assert.That(build.ReleaseChannel, Is.EqualTo("given-channel"));
        });
    }

    [TestCase("CI", "true", null, true)]
    [TestCase("GITHUB_ACTIONS", "true", null, true)]
    [TestCase(null, null, "true", false)]
    public async Task CI_detection_reads_the_given_environment(string? givenName, string? givenValue, string? processCi, bool serverBuild)
    {
        process.Set("CI", processCi);
        process.Set("GITHUB_ACTIONS", processCi);
        if (givenName is not null)
        {
            Repository.Environment[givenName] = givenValue!;
        }

        var build = new EnvironmentReadingBuild();

        var result = await RunAsync(build);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(build.ServerBuild, Is.EqualTo(serverBuild));
        });
    }
}

/// <summary>A target that records what it reads of the environment.</summary>
internal sealed class EnvironmentReadingBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Read)];

    [Parameter("Where the release goes.")]
    public string? ReleaseChannel { get; set; }

    public string? Probe { get; private set; }

    public string? OnlyInTheProcess { get; private set; }

    public bool? ServerBuild { get; private set; }

    public Target Read => _ => _.Executes(() =>
    {
        Probe = EnvironmentVariables.GetValueOrDefault("PROBE");
        OnlyInTheProcess = EnvironmentVariables.GetValueOrDefault("ONLY_IN_THE_PROCESS");
        ServerBuild = IsServerBuild;
    });
}

namespace BuildEngine.Tests;

/// <summary>
/// A secret parameter comes from the environment or a parameters file outside the repository: on the command line
/// (readable in /proc/&lt;pid&gt;/cmdline) or in a file of the repository it fails the run before anything runs.
/// </summary>
public sealed class SecretSourceTests : BuildFixture
{
    private const string Secret = "pw-secret-4417";

    [TestCase("--registry-password", Secret)]
    [TestCase("--registry-password=" + Secret)]
    [TestCase("--registry-password")]
    public async Task A_secret_on_the_command_line_fails_before_any_target_naming_the_variable_to_use(params string[] option)
    {
        var build = new RegistryBuild();

        var result = await RunAsync(build, ["Push", .. option]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Contain(
                "--registry-password is a secret and is not taken from the command line, where every user of this machine can read it (ps, /proc/<pid>/cmdline). " +
                "Set the environment variable REGISTRY_PASSWORD instead (export REGISTRY_PASSWORD=..."));
            Assert.That(result.Output, Does.Contain("--parameters-file <path>"));
            Assert.That(result.Output, Does.Not.Contain(Secret));
            Assert.That(build.Executed, Is.Empty, "no target ran");
            Assert.That(build.ToolsStarted, Is.Zero, "no tool was started");
            Assert.That(result.SummaryStatusOf("Push"), Is.Null, "the run stopped before the plan");
        });
    }

    [Test]
    public async Task The_same_secret_from_the_environment_is_used()
    {
        Repository.Environment["REGISTRY_PASSWORD"] = Secret;
        var build = new RegistryBuild();

        var result = await RunAsync(build, "Push");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.EqualTo(["Push"]));
        Assert.That(build.RegistryPassword, Is.EqualTo(Secret));
    }

    [TestCase(".nuke/parameters.json", new string[0])]
    [TestCase(".nuke/parameters.ci.json", new[] { "--profile", "ci" })]
    public async Task A_secret_in_a_parameters_file_of_the_repository_fails_naming_the_file_and_the_variable(string file, string[] arguments)
    {
        Repository.WriteFile(file, $$"""{ "RegistryPassword": "{{Secret}}" }""");
        var build = new RegistryBuild();

        var result = await RunAsync(build, ["Push", .. arguments]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Contain(
                $"{file} holds the secret 'RegistryPassword' in plain text, inside the repository. Remove it there. " +
                "Set the environment variable REGISTRY_PASSWORD instead"));
            Assert.That(result.Output, Does.Not.Contain(Secret));
            Assert.That(build.Executed, Is.Empty);
        });
    }

    [Test]
    public async Task A_parameters_file_outside_the_repository_may_hold_a_secret()
    {
        var outside = Directory.CreateTempSubdirectory("user-parameters-");
        try
        {
            var file = Path.Combine(outside.FullName, "parameters.json");
            File.WriteAllText(file, $$"""{ "RegistryPassword": "{{Secret}}", "RegistryUsername": "ci" }""");
            var build = new RegistryBuild();

            var result = await RunAsync(build, "Push", "--parameters-file", file);

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(build.RegistryPassword, Is.EqualTo(Secret));
            Assert.That(build.RegistryUsername, Is.EqualTo("ci"));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_parameters_file_inside_the_repository_may_not_hold_a_secret()
    {
        Repository.WriteFile("config/parameters.json", $$"""{ "RegistryPassword": "{{Secret}}" }""");
        var build = new RegistryBuild();

        var result = await RunAsync(build, "Push", "--parameters-file", Repository.Root / "config" / "parameters.json");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("holds the secret 'RegistryPassword' in plain text, inside the repository"));
        Assert.That(build.Executed, Is.Empty);
    }

    [Test]
    public async Task A_missing_parameters_file_fails_naming_it()
    {
        var result = await RunAsync(new RegistryBuild(), "Push", "--parameters-file", "/nonexistent/parameters.json");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("--parameters-file /nonexistent/parameters.json does not exist."));
    }
}

/// <summary>Push, with a registry password, counting the tools it starts.</summary>
internal sealed class RegistryBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Push)];

    [Parameter("User name for the registry.")]
    public string? RegistryUsername { get; set; }

    [Parameter("Password of the registry."), Secret]
    public string? RegistryPassword { get; set; }

    public int ToolsStarted { get; private set; }

    public Target Push => _ => _.Executes(async () =>
    {
        Record()();
        ToolsStarted++;
        await Tools.RunAsync("true", []);
    });
}

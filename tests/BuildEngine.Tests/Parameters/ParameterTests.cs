using Tooling;

namespace BuildEngine.Tests;

public sealed class ParameterTests : BuildFixture
{
    [Test]
    public async Task The_command_line_wins_over_the_environment()
    {
        Repository.Environment["RELEASE_CHANNEL"] = "from-environment";
        var build = new ParameterBuild();

        await RunAsync(build, "--release-channel", "from-command-line");

        Assert.That(build.ReleaseChannel, Is.EqualTo("from-command-line"));
    }

    [Test]
    public async Task The_environment_wins_over_profiles()
    {
        Repository.Environment["RELEASE_CHANNEL"] = "from-environment";
        Repository.WriteFile(".nuke/parameters.ci.json", """{ "ReleaseChannel": "from-profile" }""");
        var build = new ParameterBuild();

        await RunAsync(build, "--profile", "ci");

        Assert.That(build.ReleaseChannel, Is.EqualTo("from-environment"));
    }

    [Test]
    public async Task A_profile_wins_over_parameters_json()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "ReleaseChannel": "from-defaults", "Retries": 2 }""");
        Repository.WriteFile(".nuke/parameters.ci.json", """{ "ReleaseChannel": "from-profile" }""");
        var build = new ParameterBuild();

        await RunAsync(build, "--profile", "ci");

        Assert.That(build.ReleaseChannel, Is.EqualTo("from-profile"));
        Assert.That(build.Retries, Is.EqualTo(2), "keys the profile does not set keep their parameters.json value");
    }

    [TestCase("first", "second", ExpectedResult = "from-second")]
    [TestCase("second", "first", ExpectedResult = "from-first")]
    public async Task<string?> A_later_profile_wins_over_an_earlier_one(string earlier, string later)
    {
        Repository.WriteFile(".nuke/parameters.first.json", """{ "ReleaseChannel": "from-first" }""");
        Repository.WriteFile(".nuke/parameters.second.json", """{ "ReleaseChannel": "from-second" }""");
        var build = new ParameterBuild();

        await RunAsync(build, "--profile", earlier, later);

        return build.ReleaseChannel;
    }

    [TestCase("ReleaseChannel")]
    [TestCase("RELEASE_CHANNEL")]
    [TestCase("NUKE_RELEASE_CHANNEL")]
    public async Task Environment_variables_match_by_member_name_upper_snake_case_or_NUKE_prefix(string variable)
    {
        Repository.Environment[variable] = "beta";
        var build = new ParameterBuild();

        await RunAsync(build);

        Assert.That(build.ReleaseChannel, Is.EqualTo("beta"));
    }

    [Test]
    public async Task Two_environment_variables_with_different_values_warn_and_neither_is_used()
    {
        Repository.Environment["RELEASE_CHANNEL"] = "beta";
        Repository.Environment["NUKE_RELEASE_CHANNEL"] = "stable";
        var build = new ParameterBuild();

        var result = await RunAsync(build);

        Assert.That(build.ReleaseChannel, Is.Null);
        Assert.That(result.Output, Does.Contain(
            "[WRN] Environment variables NUKE_RELEASE_CHANNEL, RELEASE_CHANNEL all name parameter --release-channel with different values; none is used."));
    }

    [Test]
    public async Task Converts_text_numbers_enums_and_enumerations()
    {
        var build = new ParameterBuild();

        var result = await RunAsync(build, "--release-channel", "beta", "--retries", "3", "--tint", "gReEn", "--configuration", "release");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.ReleaseChannel, Is.EqualTo("beta"));
        Assert.That(build.Retries, Is.EqualTo(3));
        Assert.That(build.Tint, Is.EqualTo(Tint.Green));
        Assert.That(build.Configuration, Is.SameAs(Configuration.Release));
    }

    [TestCase("", ExpectedResult = false)]
    [TestCase("--force", ExpectedResult = true)]
    [TestCase("--force true", ExpectedResult = true)]
    [TestCase("--force false", ExpectedResult = false)]
    [TestCase("--force=False", ExpectedResult = false)]
    public async Task<bool> A_flag_is_true_when_given_bare_or_takes_true_or_false(string commandLine)
    {
        var build = new ParameterBuild();

        await RunAsync(build, commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        return build.Force;
    }

    [TestCase("api", "web", "worker")]
    [TestCase("api,web,worker")]
    [TestCase("api, web", "worker")]
    public async Task An_array_takes_several_tokens_or_comma_separated_text(params string[] values)
    {
        var build = new ParameterBuild();

        await RunAsync(build, ["--tags", .. values]);

        Assert.That(build.Tags, Is.EqualTo(["api", "web", "worker"]));
    }

    [Test]
    public async Task An_array_from_the_environment_is_split_at_commas()
    {
        Repository.Environment["TAGS"] = "api,web";
        var build = new ParameterBuild();

        await RunAsync(build);

        Assert.That(build.Tags, Is.EqualTo(["api", "web"]));
    }

    [Test]
    public async Task A_relative_path_is_resolved_against_the_working_directory()
    {
        Directory.CreateDirectory(Repository.Root / "src");
        Repository.WorkingDirectory = Repository.Root / "src";
        var build = new ParameterBuild();

        var result = await RunAsync(build, "--output", "out/bin");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Output, Is.EqualTo(Repository.Root / "src" / "out" / "bin"));
        Assert.That(build.RootDirectory, Is.EqualTo(Repository.Root), "the root is still found upwards from src/");
    }

    [TestCase("--tint", "purple", "one of Red, Green, Blue")]
    [TestCase("--configuration", "Staging", "one of Debug, Release")]
    [TestCase("--retries", "many", "a whole number")]
    [TestCase("--force", "yes", "true or false")]
    public async Task A_malformed_value_fails_naming_the_parameter_the_value_and_what_is_allowed(string option, string value, string allowed)
    {
        var build = new ParameterBuild();

        var result = await RunAsync(build, option, value);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain($"Invalid value '{value}' for parameter {option} (command line {option}): expected {allowed}."));
    }

    [Test]
    public async Task A_malformed_secret_value_is_not_shown()
    {
        var build = new ParameterBuild();

        Repository.Environment["PIN"] = "pin-7f3a9";

        var result = await RunAsync(build);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Invalid value (secret, not shown) for parameter --pin"));
        Assert.That(result.Output, Does.Not.Contain("pin-7f3a9"));
    }

    [Test]
    public async Task An_unknown_option_fails_clearly()
    {
        var build = new ParameterBuild();

        var result = await RunAsync(build, "--colour", "red");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Unknown parameter '--colour'. Run './build.sh --help' to list the parameters."));
    }

    [Test]
    public async Task An_unknown_key_in_a_parameters_file_fails_naming_the_file_and_the_key()
    {
        Repository.WriteFile(".nuke/parameters.json", """{ "ReleaseChanel": "beta" }""");
        var build = new ParameterBuild();

        var result = await RunAsync(build);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain(".nuke/parameters.json: unknown parameter 'ReleaseChanel'."));
    }

    [Test]
    public async Task A_missing_profile_fails_listing_the_available_ones()
    {
        Repository.WriteFile(".nuke/parameters.ci.json", "{}");
        Repository.WriteFile(".nuke/parameters.local.json", "{}");
        var build = new ParameterBuild();

        var result = await RunAsync(build, "--profile", "staging");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Profile 'staging' not found: .nuke/parameters.staging.json does not exist."));
        Assert.That(result.Output, Does.Contain("Available profiles: ci, local."));
    }
}

public enum Tint
{
    Red,
    Green,
    Blue,
}

/// <summary>One parameter of each supported kind; its default target does nothing.</summary>
internal sealed class ParameterBuild : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Nothing)];

    [Parameter("Channel to publish to.")]
    public string? ReleaseChannel { get; set; }

    [Parameter("Overwrite existing packages.")]
    public bool Force { get; set; }

    [Parameter("Attempts per upload.")]
    public int Retries { get; set; }

    [Parameter("Colour of the badge.")]
    public Tint Tint { get; set; }

    [Parameter("Images to build.")]
    public string[] Tags { get; set; } = [];

    [Parameter("Where the packages go.")]
    public AbsolutePath? Output { get; set; }

    [Parameter("Configuration to build.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Signing PIN."), Secret]
    public int Pin { get; set; }

    public Target Nothing => _ => _;
}

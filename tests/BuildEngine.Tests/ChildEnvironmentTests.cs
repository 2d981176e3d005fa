using Tooling;

namespace BuildEngine.Tests;

/// <summary>
/// A tool the build starts (a real process, env) inherits the build's environment less the CI's tokens, the secret
/// parameters' variables and any variable holding a secret value, unless its call asks for one by name or sets it.
/// </summary>
[NonParallelizable] // sets variables of this process, which the child inherits
public sealed class ChildEnvironmentTests : BuildFixture
{
    private const string Secret = "feed-secret-5521";

    private static readonly Dictionary<string, string> Inherited = new()
    {
        ["GITHUB_TOKEN"] = "ghs_sentinel_github_token",
        ["GH_TOKEN"] = "gho_sentinel_gh_token",
        ["ACTIONS_RUNTIME_TOKEN"] = "sentinel-runtime-token",
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "sentinel-oidc-request-token",
        ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://token.example.invalid/",
        ["API_KEY"] = Secret,
        ["NUKE_API_KEY"] = Secret,
        ["COPY_OF_THE_KEY"] = Secret,
        ["ORDINARY_SETTING"] = "visible",
    };

    private readonly ProcessVariables process = new();

    [SetUp]
    public void SetTheBuildsEnvironment()
    {
        // The build's environment, which its tools inherit (the engine's tests give it its own); the process holds the
        // same, for the runner made outside a build. PATH as any real environment has it.
        foreach (var (name, value) in Inherited)
        {
            process.Set(name, value);
            Repository.Environment[name] = value;
        }

        Repository.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
    }

    [TearDown]
    public void RestoreTheEnvironment() => process.Dispose();

    [Test]
    public async Task A_tool_sees_neither_tokens_nor_secrets_but_what_its_call_asks_for_and_sets()
    {
        var seen = new Dictionary<string, string>();

        var result = await RunAsync(new SecretToolBuild(async tools =>
        {
            var env = await tools.RunAsync("env", [], new ToolOptions
            {
                LogOutput = false,
                PassEnvironment = ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
                Environment = new Dictionary<string, string?> { ["FEED_KEY"] = Secret },
            });
            foreach (var line in env.StandardOutputLines.Where(line => line.Contains('=', StringComparison.Ordinal)))
            {
                seen[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }), "--verbosity", "verbose");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(seen.Keys, Has.None.EqualTo("GITHUB_TOKEN"));
            Assert.That(seen.Keys, Has.None.EqualTo("GH_TOKEN"));
            Assert.That(seen.Keys, Has.None.EqualTo("ACTIONS_RUNTIME_TOKEN"));
            Assert.That(seen.Keys, Has.None.EqualTo("API_KEY"), "the secret parameter's variable");
            Assert.That(seen.Keys, Has.None.EqualTo("NUKE_API_KEY"), "the same parameter under its NUKE_ name");
            Assert.That(seen.Keys, Has.None.EqualTo("COPY_OF_THE_KEY"), "another variable holding the secret value");
            Assert.That(seen.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_TOKEN"), Is.EqualTo("sentinel-oidc-request-token"), "asked for by name");
            Assert.That(seen.GetValueOrDefault("FEED_KEY"), Is.EqualTo(Secret), "set by the call itself");
            Assert.That(seen.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL"), Is.EqualTo("https://token.example.invalid/"), "not a credential");
            Assert.That(seen.GetValueOrDefault("ORDINARY_SETTING"), Is.EqualTo("visible"));
            Assert.That(seen.Keys, Has.Member("PATH"));
        });
    }

    [Test]
    public async Task A_tool_inherits_the_builds_environment_not_the_process_environment()
    {
        process.Set("ONLY_IN_THE_PROCESS", "process");
        Repository.Environment["ONLY_IN_THE_BUILD"] = "build";
        Repository.Environment["ORDINARY_SETTING"] = "the build's value";
        IReadOnlyList<string> lines = [];

        var result = await RunAsync(new SecretToolBuild(async tools =>
            lines = (await tools.RunAsync("env", [], new ToolOptions { LogOutput = false })).StandardOutputLines));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(lines, Has.Some.EqualTo("ONLY_IN_THE_BUILD=build"));
            Assert.That(lines, Has.Some.EqualTo("ORDINARY_SETTING=the build's value"));
            Assert.That(lines, Has.None.StartsWith("ONLY_IN_THE_PROCESS="));
        });
    }

    [Test]
    public async Task The_withheld_variables_are_logged_at_debug_by_name_only()
    {
        var result = await RunAsync(new SecretToolBuild(tools => tools.RunAsync("true", [])), "--verbosity", "verbose");

        Assert.That(result.Output, Does.Contain("Withheld from true: ACTIONS_ID_TOKEN_REQUEST_TOKEN, ACTIONS_RUNTIME_TOKEN, API_KEY, COPY_OF_THE_KEY, GH_TOKEN, GITHUB_TOKEN, NUKE_API_KEY"));
        Assert.That(result.Output, Does.Not.Contain("ghs_sentinel_github_token").And.Not.Contain("sentinel-runtime-token"));
        Assert.That(Repository.BuildLog, Does.Not.Contain("ghs_sentinel_github_token"));
    }

    [Test]
    public async Task A_runner_made_outside_a_build_still_withholds_the_CI_tokens()
    {
        var env = await new ToolRunner(Serilog.Core.Logger.None, () => CancellationToken.None).RunAsync("env", [], new ToolOptions { LogOutput = false });

        Assert.That(env.StandardOutputLines, Has.None.StartsWith("GITHUB_TOKEN="));
        Assert.That(env.StandardOutputLines, Has.None.StartsWith("ACTIONS_RUNTIME_TOKEN="));
        Assert.That(env.StandardOutputLines, Has.Some.EqualTo("ORDINARY_SETTING=visible"));
    }
}

/// <summary>A secret parameter, so the engine knows API_KEY is one; the test supplies the target's action.</summary>
internal sealed class SecretToolBuild(Func<ToolRunner, Task> action) : TestBuild
{
    public override IReadOnlyCollection<string> DefaultTargets => [nameof(Run)];

    [Parameter("Key for the package feed."), Secret]
    public string? ApiKey { get; set; }

    public Target Run => _ => _.Executes(() => action(Tools));
}

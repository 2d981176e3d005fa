using Tooling;

namespace BuildEngine.Tests;

public sealed class SecretRedactionTests : BuildFixture
{
    private const string Secret = "s3cr3t-Value-7781";
    private BuildResult result = null!;
    private SecretBuild build = null!;

    [SetUp]
    public async Task RunABuildThatLeaksItsSecretEverywhere()
    {
        Repository.Environment["GITHUB_ACTIONS"] = "true";
        Repository.Environment["GITHUB_STEP_SUMMARY"] = Repository.Root / "step-summary.md";
        build = new SecretBuild();
        Repository.Environment["API_KEY"] = Secret;
        result = await RunAsync(build, "Publish");
        Assert.That(build.Executed, Is.EqualTo(["Publish"]), "the build reached its leaking action");
    }

    [Test]
    public void The_console_output_shows_the_mask_instead_of_the_secret()
    {
        Assert.That(result.Output, Does.Not.Contain(Secret));
        Assert.That(result.Output, Does.Contain("Template key [REDACTED]"));
        Assert.That(result.Output, Does.Contain("Interpolated key [REDACTED]"));
        Assert.That(result.Output, Does.Contain("echo [REDACTED]"), "the tool's command line");
        Assert.That(result.Output, Does.Contain("from env: [REDACTED]"), "the tool's output");
    }

    [Test]
    public void The_failure_message_is_redacted_in_the_error_annotation_and_the_summary()
    {
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Match(@"(?m)^::error title=Target Publish failed::.*Upload rejected key \[REDACTED\]"));
        Assert.That(result.SummaryRowOf("Publish"), Does.Contain("Upload rejected key [REDACTED]"));
    }

    [Test]
    public void The_failed_target_s_note_is_masked_for_what_runs_when_the_build_finishes()
    {
        // Metrics files and failure issues are written from the notes in OnBuildFinished, outside the log's masking.
        Assert.That(build.NotesWhenFinished, Has.One.EqualTo("Upload rejected key [REDACTED]."));
    }

    [Test]
    public void The_log_file_does_not_contain_the_secret()
    {
        Assert.That(Repository.BuildLog, Does.Not.Contain(Secret));
        Assert.That(Repository.BuildLog, Does.Contain("Interpolated key [REDACTED]"));
        Assert.That(Repository.BuildLog, Does.Contain("Upload rejected key [REDACTED]"), "the exception, with its stack trace");
    }

    [Test]
    public void The_step_summary_does_not_contain_the_secret()
    {
        var summary = Repository.ReadFile("step-summary.md");

        Assert.That(summary, Does.Not.Contain(Secret));
        Assert.That(summary, Does.Contain("Upload rejected key [REDACTED]"));
    }
}

/// <summary>Secrets given as one comma-separated value are masked item by item, as the build uses them.</summary>
public sealed class SecretListRedactionTests : BuildFixture
{
    [Test]
    public async Task Each_item_of_a_secret_list_is_masked()
    {
        Repository.Environment["TOKENS"] = "tok-alpha-1111,tok-beta-2222";

        var result = await RunAsync(new SecretBuild(), "UseTokens");

        Assert.That(result.Output, Does.Contain("Using token [REDACTED]"));
        Assert.That(result.Output, Does.Not.Contain("tok-alpha-1111").And.Not.Contain("tok-beta-2222"));
    }
}

internal sealed class SecretBuild : TestBuild
{
    /// <summary>The targets' notes as <see cref="OnBuildFinished"/> sees them.</summary>
    public List<string> NotesWhenFinished { get; } = [];

    protected internal override void OnBuildFinished(bool succeeded) =>
        NotesWhenFinished.AddRange(ExecutionPlan.Select(target => target.Note).OfType<string>());

    [Parameter("Tokens for the mirrors."), Secret]
    public string[] Tokens { get; set; } = [];

    public Target UseTokens => _ => _.Executes(() =>
    {
        foreach (var token in Tokens)
        {
            Log.Information("Using token {Token}", token);
        }
    });

    [Parameter("Key for the package feed."), Secret]
    public string? ApiKey { get; set; }

    public Target Publish => _ => _
        .Requires(() => ApiKey)
        .Executes(async () =>
        {
            Record()();
            Log.Information("Template key {ApiKey}", ApiKey);
            Log.Information($"Interpolated key {ApiKey}");
            await Tools.RunAsync("echo", [ApiKey!]);
            await Tools.RunAsync("sh", ["-c", "echo \"from env: $FEED_KEY\""], new ToolOptions
            {
                Environment = new Dictionary<string, string?> { ["FEED_KEY"] = ApiKey },
            });
            throw new InvalidOperationException($"Upload rejected key {ApiKey}.");
        });
}

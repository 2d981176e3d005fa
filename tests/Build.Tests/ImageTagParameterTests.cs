using System.Text.Json;
using CliWrap.Buffered;

namespace Build.Tests;

/// <summary>
/// --image-tags and --image-flavor end to end: the Version target on a throw-away repository (branch main) writes
/// the tags the text asks for into artifacts/image-metadata.json, from the command line, the environment or
/// .nuke/parameters.json; a line that does not parse fails the target naming the line, before GitVersion runs.
/// </summary>
public sealed class ImageTagParameterTests
{
    // The sample's origin remote is github.com/Acme/Gateway.
    private const string Image = "ghcr.io/acme/gateway:";

    private SampleTestRepository repository = null!;

    private string MetadataFile => Path.Combine(repository.Root, "artifacts", "image-metadata.json");

    [OneTimeSetUp]
    public async Task CreateRepository() => repository = await SampleTestRepository.CreateAsync();

    [OneTimeTearDown]
    public void DeleteRepository() => repository.Dispose();

    [SetUp]
    public void DeleteMetadata()
    {
        if (File.Exists(MetadataFile))
        {
            File.Delete(MetadataFile);
        }
    }

    [Test]
    public async Task Rules_and_flavor_from_the_command_line_give_exactly_their_tags()
    {
        var run = await RunVersion(null, "--image-tags", "type=raw,value=edge-build", "--image-flavor", "latest=false");

        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
        Assert.That(Images(), Is.EqualTo(new[] { Image + "edge-build" }));
    }

    [Test]
    public async Task The_flavor_is_read_latest_true_adds_latest()
    {
        // The control for the test above: the same rule with latest=true does get :latest.
        var run = await RunVersion(null, "--image-tags", "type=raw,value=edge-build", "--image-flavor", "latest=true");

        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
        Assert.That(Images(), Is.EqualTo(new[] { Image + "edge-build", Image + "latest" }));
    }

    [Test]
    public async Task Multi_line_rules_come_from_the_environment_as_a_workflow_s_env_block_gives_them()
    {
        var run = await RunVersion(new Dictionary<string, string?>
        {
            ["IMAGE_TAGS"] = "# branch and the full commit\ntype=ref,event=branch,suffix=-linux\n\ntype=sha,format=long,prefix=git-\n",
            ["IMAGE_FLAVOR"] = "latest=false",
        });

        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
        Assert.That(Images(), Is.EqualTo(new[] { Image + "main-linux", Image + "git-" + Head(run) }));
    }

    [Test]
    public async Task Rules_come_from_the_parameters_file()
    {
        var file = Path.Combine(repository.Root, ".nuke", "parameters.json");
        await File.WriteAllTextAsync(file, """{ "ImageTags": "type=raw,value=from-file\ntype=raw,value=second" }""");
        try
        {
            var run = await RunVersion(null);

            Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
            Assert.That(Images(), Is.EqualTo(new[] { Image + "from-file", Image + "second" }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Without_the_parameters_the_default_rules_apply()
    {
        var run = await RunVersion(null);

        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
        Assert.That(Images(), Is.EqualTo(new[] { Image + "main", Image + "0.0.1-1", Image + "sha-" + Head(run)[..7] }));
    }

    [Test]
    public async Task A_line_that_does_not_parse_fails_the_target_naming_the_line_before_GitVersion_runs()
    {
        var run = await RunVersion(null, "--image-tags", "type=ref,event=branch\ntype=semver,pattern=");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.StandardOutput, Does.Contain("--image-tags line 2 `type=semver,pattern=`: pattern is empty; expected e.g. pattern={{version}}"));
            Assert.That(run.StandardOutput, Does.Not.Contain("gitversion.dll"));
            Assert.That(File.Exists(MetadataFile), Is.False);
        });
    }

    private Task<BufferedCommandResult> RunVersion(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Version", "--root", repository.Root, "--no-logo", .. arguments], repository.Root, environment);

    private string[] Images()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataFile));
        return [.. document.RootElement.GetProperty("images").EnumerateArray().Select(image => image.GetString()!)];
    }

    /// <summary>The commit the build saw, from its log (the revision label).</summary>
    private static string Head(BufferedCommandResult run) =>
        System.Text.RegularExpressions.Regex.Match(run.StandardOutput, "org.opencontainers.image.revision=([0-9a-f]{40})").Groups[1].Value;
}

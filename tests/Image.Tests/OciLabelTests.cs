using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>The OCI annotations (org.opencontainers.image.*) the build always sets on the gateway image.</summary>
[TestFixture]
[Category("Image")]
public sealed class OciLabelTests
{
    private const string Prefix = "org.opencontainers.image.";

    // source and url may legitimately be empty in a local build (no remote); these never are.
    private static readonly string[] AlwaysSetLabels = ["title", "version", "revision", "created", "description", "licenses"];

    [Test]
    public async Task CarriesTheLabelsTheBuildAlwaysSets()
    {
        var labels = await LabelsAsync();

        using (Assert.EnterMultipleScope())
        {
            foreach (var label in AlwaysSetLabels)
            {
                Assert.That(labels.GetValueOrDefault(Prefix + label), Is.Not.Null.And.Not.Empty, Prefix + label);
            }

            Assert.That(DateTimeOffset.TryParse(labels.GetValueOrDefault(Prefix + "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
                Is.True, $"{Prefix}created must be an RFC 3339 time (was '{labels.GetValueOrDefault(Prefix + "created")}')");
        }
    }

    [Test]
    public async Task RevisionIsTheBuiltCommit()
    {
        var labels = await LabelsAsync();
        var head = await Cli.Wrap("git").WithArguments(["rev-parse", "HEAD"]).WithWorkingDirectory(RepositoryRoot.Path).ExecuteBufferedAsync();

        Assert.That(labels.GetValueOrDefault(Prefix + "revision"), Is.EqualTo(PullRequestHead() ?? head.StandardOutput.Trim()),
            "revision of the image vs the built commit (rebuild with ./build.sh ImageTest after a commit)");
    }

    /// <summary>
    /// On a pull request's run the checkout is GitHub's test merge commit, but the image names the pull request's head
    /// (docs/versioning.md): the commit a reviewer can find. Null on any other run.
    /// </summary>
    private static string? PullRequestHead() =>
        Environment.GetEnvironmentVariable("GITHUB_EVENT_NAME") == "pull_request" && Environment.GetEnvironmentVariable("GITHUB_EVENT_PATH") is { Length: > 0 } path
            ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))?["pull_request"]?["head"]?["sha"]?.ToString()
            : null;

    private static async Task<Dictionary<string, string>> LabelsAsync()
    {
        var json = await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{json .Config.Labels}}");
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
    }
}

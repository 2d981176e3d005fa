using Delivery.Rehearsal;
using Delivery.Rehearsal.Actions;
using Tooling;

namespace Delivery.Tests.Rehearsal;

public sealed class RunnerFileTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("rehearsal-files-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void GITHUB_ENV_and_GITHUB_OUTPUT_read_single_and_multi_line_values()
    {
        var file = Path.Combine(directory, "env");
        File.WriteAllText(file, "A=1\nB=x=y\nMULTI<<EOF\nline 1\nline 2\nEOF\n");
        Assert.That(FileCommands.ReadPairs(file), Is.EqualTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["MULTI"] = "line 1\nline 2" }));
    }

    [Test]
    public void An_unterminated_block_is_an_error_naming_the_delimiter()
    {
        var file = Path.Combine(directory, "env");
        File.WriteAllText(file, "MULTI<<END\nline\n");
        Assert.That(() => FileCommands.ReadPairs(file), Throws.InvalidOperationException.With.Message.Contains("'END'"));
    }

    [Test]
    public void Globs_match_as_actions_glob_does_and_exclusions_apply_in_order()
    {
        foreach (var file in new[] { "artifacts/test-results/unit/a.trx", "artifacts/test-results/unit/b.trx", "artifacts/trivy.json", "artifacts/x/deep/c.trx" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(directory, file))!);
            File.WriteAllText(Path.Combine(directory, file), "");
        }

        string Resolve(string path) => Path.Combine(directory, path);
        Assert.Multiple(() =>
        {
            Assert.That(WorkspaceGlob.Match(["artifacts/test-results/unit/*.trx"], Resolve).Select(Path.GetFileName), Is.EqualTo(new[] { "a.trx", "b.trx" }));
            Assert.That(WorkspaceGlob.Match(["artifacts/**/*.trx", "!artifacts/x/**"], Resolve), Has.Count.EqualTo(2));
            Assert.That(WorkspaceGlob.Match(["artifacts/x"], Resolve).Select(Path.GetFileName), Is.EqualTo(new[] { "c.trx" }), "a folder matches all its files");
            Assert.That(WorkspaceGlob.Match(["artifacts/none.json"], Resolve), Is.Empty);
            Assert.That(WorkspaceGlob.SearchPath("/w/artifacts/test-results/*/x.trx"), Is.EqualTo("/w/artifacts/test-results"));
        });
    }

    [Test]
    public void Artifact_names_are_unique_within_a_run_and_downloads_keep_relative_paths()
    {
        var source = Path.Combine(directory, "work");
        Directory.CreateDirectory(Path.Combine(source, "digests"));
        File.WriteAllText(Path.Combine(source, "digests", "linux-amd64"), "sha256:1");
        var store = new ArtifactStore(Tooling.AbsolutePath.Create(Path.Combine(directory, "store")));
        store.Upload("image-PushByDigest-linux-amd64", source, [Path.Combine(source, "digests", "linux-amd64")]);
        Assert.Multiple(() =>
        {
            Assert.That(() => store.Upload("image-PushByDigest-linux-amd64", source, []), Throws.TypeOf<Tooling.BuildFailedException>().With.Message.Contains("(409) Conflict"));
            store.Download("image-PushByDigest-linux-amd64", Path.Combine(directory, "out"));
            Assert.That(File.ReadAllText(Path.Combine(directory, "out", "digests", "linux-amd64")), Is.EqualTo("sha256:1"));
        });
    }

    [TestCase("10.0.401", "10.0.400", true)]
    [TestCase("10.0.401", "10.0.402", false)]
    [TestCase("10.0.401", "10.0.100", false)]
    [TestCase("10.0.401", "10.0.x", true)]
    [TestCase("10.0.401", "9.0.100", false)]
    public void The_hosts_SDK_satisfies_a_version_as_setup_dotnet_would(string installed, string requested, bool satisfies) =>
        Assert.That(SetupDotnet.Satisfies(installed, requested), Is.EqualTo(satisfies));

    [TestCase("github.ref == 'refs/heads/main'", "success() && (github.ref == 'refs/heads/main')")]
    [TestCase("${{ always() }}", "always()")]
    [TestCase("always() && github.event_name != 'pull_request'", "always() && github.event_name != 'pull_request'")]
    public void A_condition_without_a_status_function_means_success_and_it(string condition, string evaluated) =>
        Assert.That(JobRunner.ImplicitSuccess(condition), Is.EqualTo(evaluated));
}

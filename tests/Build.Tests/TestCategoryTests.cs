using System.Text.RegularExpressions;

namespace Build.Tests;

/// <summary>
/// The test categories say what a test needs, since the build selects by them (docs/build.md#test-categories): a test
/// that drives Docker is an Image test (ImageTest runs it wherever Docker runs); one that starts a tool of the offline
/// lab is an OfflineLab test (run only with --offline-lab). Read from the test sources, so a new test that forgets its
/// category fails here rather than on the first machine that lacks the lab.
/// </summary>
public sealed partial class TestCategoryTests
{
    /// <summary>Calls that need a Docker engine.</summary>
    private static readonly string[] DockerUses =
        ["DockerCli.", "EngineCli.", "Container.StartAsync", "new ComposeProject", "Tool.RunAsync(\"docker\"", "Tool.RunCheckedAsync(\"docker\"", "TestDockerConfig.LoginAsync"];

    /// <summary>Calls that need the offline lab (scripts/ci/setup-offline.sh): a registry binary, htpasswd, cosign, skopeo, chromium, the stand-in images.</summary>
    private static readonly string[] LabUses =
    [
        "AuthenticatedRegistry.StartAsync", "ThrowAwayRegistry.StartAsync", "RegistryProcess.Prepare", "CosignKeyPair.GenerateAsync",
        "(\"cosign\"", "(\"skopeo\"", "(\"htpasswd\"", "\"--profile\", \"offline\"", "HeadlessChromium.",
    ];

    /// <summary>Every test class's source file (one with a [Test…] attribute), relative to the repository root.</summary>
    public static IEnumerable<string> TestSources =>
        Directory.GetFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && TestAttribute().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Where(path => path != "tests/Build.Tests/TestCategoryTests.cs") // this file names the calls, it makes none
            .Order(StringComparer.Ordinal);

    [Test]
    public void The_sources_are_found() => Assert.That(TestSources, Has.Some.EndsWith("PublishTests.cs").And.Some.EndsWith("WorkflowTests.cs"));

    [TestCaseSource(nameof(TestSources))]
    public void A_test_that_needs_Docker_or_the_offline_lab_says_so_with_its_category(string path)
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, path));

        using (Assert.EnterMultipleScope())
        {
            if (DockerUses.FirstOrDefault(source.Contains) is { } docker)
            {
                Assert.That(source, Does.Contain("[Category(\"Image\")]"), $"{path} uses {docker}: mark the fixture [Category(\"Image\")]");
            }

            if (LabUses.FirstOrDefault(source.Contains) is { } lab)
            {
                Assert.That(source, Does.Contain("[Category(\"OfflineLab\")]"), $"{path} uses {lab}: mark the tests that need it [Category(\"OfflineLab\")]");
            }
        }
    }

    [GeneratedRegex(@"\[(Test|TestCase|TestCaseSource)\b")]
    private static partial Regex TestAttribute();
}

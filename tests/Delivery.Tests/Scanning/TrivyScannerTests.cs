using Delivery.Scanning;
using Tooling;

namespace Delivery.Tests.Scanning;

/// <summary>
/// <see cref="TrivyScanner"/>, the code the Scan target runs, with a stand-in for Trivy (Trivy and its database
/// cannot be had offline): a fake tool that writes a fixture report wherever Trivy was told to write its own.
/// </summary>
public sealed class TrivyScannerTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("trivy-scanner-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestCase("fixed-high", false)]
    [TestCase("unfixed-only", true)]
    [TestCase("clean", true)]
    public async Task The_scanner_writes_both_reports_and_judges_the_json(string fixture, bool passes)
    {
        var request = Request();

        var result = await new TrivyScanner(StandInTrivy(fixture)).ScanAsync(request, new DateOnly(2026, 11, 28));

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.EqualTo(passes));
            Assert.That(File.Exists(request.JsonReport), Is.True);
            Assert.That(SarifLog.Read(request.SarifReport), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Entries_of_the_ignore_file_pass_the_gate()
    {
        var request = Request();
        await File.WriteAllTextAsync(request.IgnoreFile, "CVE-2099-0001 # reason\nGHSA-xxxx-yyyy-zzzz # reason\n");

        var result = await new TrivyScanner(StandInTrivy("fixed-high")).ScanAsync(request, new DateOnly(2026, 11, 28));

        Assert.That(result.Passed, Is.True);
    }

    [Test]
    public void An_explicit_trivy_path_is_used_as_given()
    {
        var trivy = Path.Combine(directory, "trivy");
        File.WriteAllText(trivy, "");

        Assert.That(TrivyScanner.Locate(trivy), Is.EqualTo(trivy));
    }

    private TrivyScanRequest Request() => new()
    {
        Image = "gateway:dev",
        Severities = ["CRITICAL", "HIGH"],
        IgnoreUnfixed = true,
        IgnoreFile = Path.Combine(directory, ".trivyignore"),
        JsonReport = Path.Combine(directory, "artifacts", "trivy.json"),
        SarifReport = Path.Combine(directory, "artifacts", "trivy.sarif"),
    };

    /// <summary>
    /// Trivy as a fake <see cref="Tool"/>: answers <c>trivy image … --output F</c> with the JSON fixture and
    /// <c>trivy convert … --output F</c> with the SARIF one, and refuses any other call.
    /// </summary>
    private static Tool StandInTrivy(string fixture) => (arguments, _) =>
    {
        var output = arguments[arguments.ToList().IndexOf("--output") + 1];
        var answer = arguments[0] switch
        {
            "image" => Fixtures.Path("trivy", fixture + ".json"),
            "convert" => Fixtures.Path("trivy", "fixed-high.sarif"),
            _ => throw new AssertionException($"trivy was called with {string.Join(' ', arguments)}"),
        };
        File.Copy(answer, output);
        return Task.FromResult(new ToolResult(0, [], []));
    };
}

using Delivery.Scanning;

namespace Delivery.Tests.Scanning;

/// <summary>
/// <see cref="TrivyScanner"/>, the code the Scan target runs, with a stand-in for Trivy (Trivy and its database
/// cannot be had offline): a script that writes a fixture report wherever Trivy was told to write its own.
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
        var request = Request(StandInTrivy(fixture));

        var result = await new TrivyScanner(TemporaryRepository.Tools, StandInTrivy(fixture)).ScanAsync(request, new DateOnly(2026, 11, 28));

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
        var request = Request(StandInTrivy("fixed-high"));
        await File.WriteAllTextAsync(request.IgnoreFile, "CVE-2099-0001 # reason\nGHSA-xxxx-yyyy-zzzz # reason\n");

        var result = await new TrivyScanner(TemporaryRepository.Tools, StandInTrivy("fixed-high")).ScanAsync(request, new DateOnly(2026, 11, 28));

        Assert.That(result.Passed, Is.True);
    }

    [Test]
    public void An_explicit_trivy_path_is_used_as_given() =>
        Assert.That(TrivyScanner.Locate(StandInTrivy("clean")), Is.EqualTo(StandInTrivy("clean")));

    private TrivyScanRequest Request(string trivy) => new()
    {
        Image = "gateway:dev",
        Severities = ["CRITICAL", "HIGH"],
        IgnoreUnfixed = true,
        IgnoreFile = Path.Combine(directory, ".trivyignore"),
        JsonReport = Path.Combine(directory, "artifacts", "trivy.json"),
        SarifReport = Path.Combine(directory, "artifacts", "trivy.sarif"),
    };

    /// <summary>A script that answers `trivy image … --output F` with the JSON fixture and `trivy convert … --output F` with the SARIF one.</summary>
    private string StandInTrivy(string fixture)
    {
        var path = Path.Combine(directory, $"trivy-{fixture}");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, $$"""
                #!/bin/sh
                out=""; previous=""
                for argument in "$@"; do [ "$previous" = "--output" ] && out="$argument"; previous="$argument"; done
                case "$1" in
                  image) cp '{{Fixtures.Path("trivy", fixture + ".json")}}' "$out" ;;
                  convert) cp '{{Fixtures.Path("trivy", "fixed-high.sarif")}}' "$out" ;;
                  *) exit 2 ;;
                esac
                """);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return path;
    }
}

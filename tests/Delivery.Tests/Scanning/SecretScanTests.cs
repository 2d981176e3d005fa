using System.Text.RegularExpressions;
using Delivery.Scanning;

namespace Delivery.Tests.Scanning;

/// <summary>
/// gitleaks through <see cref="GitleaksScanner"/>, the code the SecretScan target runs, with the project's
/// .gitleaks.toml, over throw-away git repositories (needs gitleaks on PATH, as SecretScan does).
/// </summary>
public sealed class SecretScanTests
{
    private static readonly string Config = Path.Combine(Fixtures.RepositoryRoot, ".gitleaks.toml");
    private static readonly string PlantedKey = Fixtures.Read("gitleaks", "planted-aws-key.txt");

    [Test]
    public async Task A_planted_aws_key_in_the_history_is_caught()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await CommitFileAsync(repository, "deploy/credentials.ini", PlantedKey);
        // Deleting the file later does not help: the key stays in the history.
        File.Delete(Path.Combine(repository.Directory, "deploy", "credentials.ini"));
        await repository.GitAsync("commit", "--quiet", "--all", "-m", "Remove the credentials");
        var (findings, report) = await ScanAsync(repository);

        Assert.That(findings, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(findings[0].RuleId, Is.EqualTo("aws-access-token"));
            Assert.That(findings[0].Location, Is.EqualTo("deploy/credentials.ini:4"));
            Assert.That(report, Does.Not.Contain(Regex.Match(PlantedKey, "AKIA[A-Z0-9]{16}").Value), "the SARIF report must be redacted");
        });
    }

    [Test]
    public async Task A_clean_history_has_no_findings()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        Assert.That((await ScanAsync(repository)).Findings, Is.Empty);
    }

    [Test]
    public async Task The_allowlisted_fixture_folder_is_not_reported()
    {
        using var repository = await TemporaryRepository.CreateAsync();
        await CommitFileAsync(repository, "tests/Delivery.Tests/Fixtures/gitleaks/planted-aws-key.txt", PlantedKey);
        Assert.That((await ScanAsync(repository)).Findings, Is.Empty);
    }

    [Test]
    public void Gitleaks_sarif_is_read_like_trivy_sarif()
    {
        var finding = SarifLog.Read(Fixtures.Path("gitleaks", "gitleaks.sarif")).Single();

        Assert.That(finding, Is.EqualTo(new SarifResult("gitleaks", "aws-access-token", "warning", finding.Message, "creds.txt", 1)));
    }

    [Test]
    public void Leaks_get_their_own_exit_code_and_the_report_is_redacted() =>
        Assert.That(GitleaksScanner.Arguments("/repo", "/repo/.gitleaks.toml", "/repo/artifacts/gitleaks.sarif"), Is.EqualTo(new[]
        {
            "detect", "--source", "/repo", "--config", "/repo/.gitleaks.toml", "--report-format", "sarif",
            "--report-path", "/repo/artifacts/gitleaks.sarif", "--redact", "--no-banner", "--exit-code", "2",
        }));

    /// <summary>Scans as SecretScan does; the SARIF report (beside the repository, outside what is scanned) is read and deleted.</summary>
    private static async Task<(IReadOnlyList<SarifResult> Findings, string Report)> ScanAsync(TemporaryRepository repository)
    {
        var report = Path.Combine(repository.Directory, "..", $"{Path.GetFileName(repository.Directory)}-gitleaks.sarif");
        try
        {
            var findings = await new GitleaksScanner(TemporaryRepository.Tools.Get("gitleaks", GitleaksScanner.InstallHint)).ScanAsync(repository.Directory, Config, report);
            return (findings, File.ReadAllText(report));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static async Task CommitFileAsync(TemporaryRepository repository, string relativePath, string content)
    {
        var path = Path.Combine(repository.Directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        await repository.GitAsync("add", "--all");
        await repository.GitAsync("commit", "--quiet", "-m", $"Add {relativePath}");
    }
}

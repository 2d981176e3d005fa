namespace Build.Tests;

/// <summary>
/// The Test target end to end, on a throw-away repository with one NUnit project: a failing test fails the
/// build, a passing run succeeds, and TRX results land in artifacts/test-results/.
/// </summary>
public sealed class TestTargetTests
{
    private string root = null!;

    [OneTimeSetUp]
    public void CreateRepository()
    {
        root = Directory.CreateTempSubdirectory("build-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        Directory.CreateDirectory(Path.Combine(root, "tests", "Sample.Tests"));
        File.WriteAllText(Path.Combine(root, "Gateway.slnx"),
            """<Solution><Project Path="tests/Sample.Tests/Sample.Tests.csproj" /></Solution>""");
        File.WriteAllText(Path.Combine(root, "tests", "Sample.Tests", "Sample.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                <PackageReference Include="NUnit" Version="5.0.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="6.3.1" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "tests", "Sample.Tests", "SampleTests.cs"), """
            using NUnit.Framework;

            public class SampleTests
            {
                [Test]
                public void Passes() => Assert.That(1 + 1, Is.EqualTo(2));

                [Test]
                public void Fails_when_asked() => Assert.That(Environment.GetEnvironmentVariable("SAMPLE_FAIL"), Is.Not.EqualTo("1"));
            }
            """);
    }

    [OneTimeTearDown]
    public void DeleteRepository() => Directory.Delete(root, recursive: true);

    // One test, two runs: the second reuses the first one's restore and build, which keeps the fixture quick.
    [Test]
    public async Task A_failing_test_fails_the_build_and_a_passing_run_succeeds_with_its_totals()
    {
        var failing = await RunTestTarget(fail: true);

        Assert.Multiple(() =>
        {
            Assert.That(failing.ExitCode, Is.Not.Zero);
            Assert.That(failing.StandardOutput, Does.Match(@"(?m)^Test\s+Failed"));
            Assert.That(failing.StandardOutput, Does.Contain("Tests: 1 passed, 1 failed, 0 skipped"));
            Assert.That(Directory.GetFiles(Path.Combine(root, "artifacts", "test-results", "unit"), "*.trx"), Is.Not.Empty);
        });

        var passing = await RunTestTarget(fail: false);

        Assert.Multiple(() =>
        {
            Assert.That(passing.ExitCode, Is.Zero, passing.StandardOutput);
            Assert.That(passing.StandardOutput, Does.Contain("Tests: 2 passed, 0 failed, 0 skipped"));
            Assert.That(passing.StandardOutput, Does.Match(@"(?m)^Test\s+Succeeded"));
        });
    }

    private Task<CliWrap.Buffered.BufferedCommandResult> RunTestTarget(bool fail) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Test", "--root", root, "--update-lock-files", "--no-logo"], root,
            new Dictionary<string, string?> { ["SAMPLE_FAIL"] = fail ? "1" : "0" });
}

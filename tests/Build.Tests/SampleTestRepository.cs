namespace Build.Tests;

/// <summary>
/// A throw-away git repository with one NUnit project (referencing GitHubActionsTestLogger, as every test project of the
/// repository does, for the Test target's run on GitHub Actions) whose second test fails when SAMPLE_FAIL=1 (and two more that only
/// the test categories select: one for the offline lab, one Image test; and, with SAMPLE_RECORD_ENVIRONMENT=file, a
/// record of the names of the variables the test process sees), and the files a GitHub Actions runner provides: the
/// push event's payload and the step summary.
/// </summary>
internal sealed class SampleTestRepository : IDisposable
{
    private SampleTestRepository(string root) => Root = root;

    public string Root { get; }

    public string PushEventPath => Path.Combine(Root, ".runner", "event.json");

    public string StepSummaryPath => Path.Combine(Root, ".runner", "step-summary.md");

    public static async Task<SampleTestRepository> CreateAsync()
    {
        var repository = new SampleTestRepository(Directory.CreateTempSubdirectory("build-notify-").FullName);
        repository.Write(".nuke/.gitkeep", "");
        repository.Write(".gitignore", ".nuke/temp/\n.runner/\nartifacts/\nbin/\nobj/\n");
        repository.Write("Gateway.slnx", """<Solution><Project Path="tests/Sample.Tests/Sample.Tests.csproj" /></Solution>""");
        repository.Write("tests/Sample.Tests/Sample.Tests.csproj", """
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
                <PackageReference Include="GitHubActionsTestLogger" Version="3.0.5" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        repository.Write("tests/Sample.Tests/SampleTests.cs", """
            using NUnit.Framework;

            public class SampleTests
            {
                [Test]
                public void Passes() => Assert.That(1 + 1, Is.EqualTo(2));

                [Test]
                public void Fails_when_asked() => Assert.That(Environment.GetEnvironmentVariable("SAMPLE_FAIL"), Is.Not.EqualTo("1"));

                [Test, Category("OfflineLab")]
                public void Needs_the_offline_lab() => Assert.Pass();

                [Test, Category("Image"), Category("OfflineLab")]
                public void Needs_the_lab_and_the_built_image() => Assert.Fail("an Image test: never run by the Test target");
            }

            // Third-party test code as the build runs it: when asked, writes the names (never the values) of the
            // variables its process sees, so a test can tell which of the build's variables reached it.
            [SetUpFixture]
            public class EnvironmentRecorder
            {
                [OneTimeSetUp]
                public void Record()
                {
                    if (Environment.GetEnvironmentVariable("SAMPLE_RECORD_ENVIRONMENT") is { Length: > 0 } file)
                    {
                        File.WriteAllLines(file, Environment.GetEnvironmentVariables().Keys.Cast<string>().Order());
                    }
                }
            }
            """);
        // The part of a push event's payload the build reads: the repository's default branch.
        repository.Write(".runner/event.json", """{ "ref": "refs/heads/main", "repository": { "full_name": "Acme/Gateway", "default_branch": "main" } }""");
        repository.Write(".runner/step-summary.md", "");

        // A clone as actions/checkout leaves it: the build reads HEAD besides GitHub's variables, and GitVersion on a
        // build server insists on exactly one remote and the branch's remote-tracking ref.
        await Git(repository.Root, "init", "--quiet", "--initial-branch=main");
        await Git(repository.Root, "add", ".");
        await Git(repository.Root, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "Sample");
        await Git(repository.Root, "remote", "add", "origin", "https://github.com/Acme/Gateway.git");
        await Git(repository.Root, "update-ref", "refs/remotes/origin/main", "HEAD");
        return repository;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task Git(string directory, params string[] arguments)
    {
        var result = await Repository.Run("git", arguments, directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.StandardError}");
        }
    }
}

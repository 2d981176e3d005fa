using BuildEngine;
using Serilog;
using Tooling;

/// <summary>Clean, Restore, Compile and Test over the solution.</summary>
partial class Build
{
    [Parameter("Restore without --locked-mode and rewrite the packages.lock.json files (after changing a package).")]
    readonly bool UpdateLockFiles;

    [Parameter("Also run the tests of the offline lab's category (OfflineLab): they need what scripts/ci/setup-offline.sh installs (docker-registry, htpasswd, cosign, qemu, the stand-in base images at 127.0.0.1:5000). --profile offline sets it.")]
    readonly bool OfflineLab;

    /// <summary>
    /// NUnit category of the tests that need this project's offline lab beyond a Docker engine: a registry binary of
    /// their own, htpasswd, cosign, qemu, the stand-in base images. A GitHub runner or a laptop with Docker has
    /// none of it, so they run only with --offline-lab: in Test, or in ImageTest when they are Image tests too.
    /// </summary>
    const string OfflineLabTestCategory = "OfflineLab";

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders of the apps and tests.")
        .Before(Restore)
        .Executes(() =>
        {
            var outputs = new[] { "apps", "tests" }
                .Select(folder => RootDirectory / folder)
                .Where(folder => folder.DirectoryExists())
                .SelectMany(folder => Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
                .Where(directory => Path.GetFileName(directory) is "bin" or "obj")
                .Append(ArtifactsDirectory.Value)
                .Where(Directory.Exists)
                .ToList();
            foreach (var directory in outputs)
            {
                Log.Information("Deleting {Directory}", AbsolutePath.Create(directory).RelativeTo(RootDirectory));
                Directory.Delete(directory, recursive: true);
            }
        });

    /// <summary>
    /// MSBuild takes every environment variable as a property, so the workflow's PLATFORM (this build's --platform,
    /// linux/arm64) would become the solution platform ("Debug|linux/arm64" is invalid): dotnet runs without it.
    /// </summary>
    static readonly IReadOnlyDictionary<string, string?> DotnetEnvironment = new Dictionary<string, string?> { ["PLATFORM"] = null };

    Target Restore => _ => _
        .Description("Restores NuGet packages as the lock files pin them.")
        .Executes(async () =>
        {
            string[] mode = UpdateLockFiles ? ["--force-evaluate"] : ["--locked-mode"];
            await Tools.RunAsync("dotnet", ["restore", Solution, .. mode], new ToolOptions { Environment = DotnetEnvironment });
        });

    Target Compile => _ => _
        .Description("Builds the solution (warnings are errors).")
        .DependsOn(Restore)
        .Executes(async () =>
        {
            await Tools.RunAsync("dotnet", ["build", Solution, "--configuration", Configuration, "--no-restore", "-nologo", .. await AssemblyVersionProperties()],
                new ToolOptions { Environment = DotnetEnvironment });
        });

    Target Test => _ => _
        .Description("Runs every test except the image tests.")
        .DependsOn(Compile)
        // The secret-scan tests run the real gitleaks; the workflow tests run actionlint (tests/Build.Tests/actionlint);
        // the bootstrap tests run build.ps1 with pwsh.
        .UsesTools("gitleaks", "actionlint", "pwsh")
        .Produces(TestResultsDirectory / "unit" / "*.trx")
        .Executes(() => RunTestsAsync("unit", Solution, TestFilter($"TestCategory!={ImageTestCategory}")));

    /// <summary>The filter, less the offline lab's tests unless --offline-lab: a test may be in both Image and OfflineLab.</summary>
    string TestFilter(string filter) => OfflineLab ? filter : $"{filter}&TestCategory!={OfflineLabTestCategory}";

    /// <summary>
    /// How long one test may run before dotnet test kills its test host and names it: the longest take under a minute
    /// (the bootstrap tests that rebuild the build), with room for an emulated arm64 leg and a slow runner.
    /// </summary>
    const string TestHangTimeout = "10m";

    /// <summary>
    /// dotnet test over a solution or project into artifacts/test-results/&lt;suite&gt;/, then the totals from the
    /// TRX files as the run's closing line; fails on a failed test, and on a run in which no test ran at all.
    /// </summary>
    async Task RunTestsAsync(string suite, string project, string filter, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var resultsDirectory = TestResultsDirectory / suite;
        if (resultsDirectory.DirectoryExists())
        {
            Directory.Delete(resultsDirectory, recursive: true);
        }

        var run = await Tools.RunAsync("dotnet",
        [
            "test", project, "--configuration", Configuration, "--no-build", "-nologo", "--filter", filter,
            "--results-directory", resultsDirectory,
            "--logger", "trx", "--logger", "console;verbosity=normal", .. GitHubActionsLogger,
            // A test that hangs ends the run, named, instead of holding it (and the CI job around it) until its timeout.
            "--blame-hang", "--blame-hang-dump-type", "none", "--blame-hang-timeout", TestHangTimeout,
        ], new ToolOptions
        {
            ThrowOnFailure = false,
            Environment = DotnetEnvironment.Concat(environment ?? new Dictionary<string, string?>()).ToDictionary(),
            PassWorkflowCommands = true, // the GitHub Actions test logger's annotations
        });

        var totals = TestResults.Read(resultsDirectory);
        Host.WriteLine(totals.ToString());
        SummaryNote(totals.Counts);
        if (!run.Succeeded || totals.Failed > 0 || totals.Total == 0)
        {
            throw new BuildFailedException(
                totals.Total == 0 ? $"No {suite} test ran. Check that the test projects build and are in Gateway.slnx."
                : totals.FailedTests.Count == 0 ? $"dotnet test failed ({suite}) with no failed test in its TRX files (a test host that crashed, or that was stopped after a test hung for {TestHangTimeout}: the log above names the test); see the log above and {resultsDirectory.RelativeTo(RootDirectory)}/."
                : $"{totals.Failed} {suite} test(s) failed: {FailedTestList(totals)}. See {resultsDirectory.RelativeTo(RootDirectory)}/ for the TRX files.");
        }
    }

    /// <summary>
    /// On GitHub Actions, GitHubActionsTestLogger (referenced by every test project): each failed test becomes an
    /// <c>::error</c> annotation and the run a table in the step summary, failed and skipped tests only, as a
    /// thousand passed names would bury them. Elsewhere nothing is added.
    /// </summary>
    string[] GitHubActionsLogger => Host.Kind == HostKind.GitHubActions ? ["--logger", "GitHubActions;summary-include-passed=false"] : [];

    /// <summary>The first few failed tests by name, for the error line; the TRX files hold every detail.</summary>
    static string FailedTestList(TestResults totals)
    {
        const int shown = 3;
        var names = string.Join("; ", totals.FailedTests.Take(shown));
        return totals.FailedTests.Count > shown ? $"{names}; and {totals.FailedTests.Count - shown} more" : names;
    }
}

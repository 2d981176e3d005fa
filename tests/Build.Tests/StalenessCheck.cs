using CliWrap.Buffered;

namespace Build.Tests;

/// <summary>
/// Runs <c>dotnet build/bin/_build.dll --check-workflows</c> once, before any test of this assembly: the other tests
/// run the build as a developer does, and a local run rewrites a stale workflow, which would hide it from a later check.
/// </summary>
[SetUpFixture]
public sealed class StalenessCheck
{
    private static BufferedCommandResult? result;

    public static BufferedCommandResult Result => result ?? throw new InvalidOperationException("The workflow check runs before the tests.");

    [OneTimeSetUp]
    public async Task CheckCommittedFiles()
    {
        if (!File.Exists(Repository.BuildDll))
        {
            throw new InvalidOperationException($"{Repository.BuildDll} does not exist: run ./build.sh once to compile the build.");
        }

        result = await Repository.Run("dotnet", [Repository.BuildDll, "--check-workflows", "--no-logo"], Repository.Root);
    }
}

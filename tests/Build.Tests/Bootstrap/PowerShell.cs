namespace Build.Tests.Bootstrap;

/// <summary>
/// The PowerShell that runs build.ps1: the file $PWSH names, else pwsh on PATH (GitHub's runners have it). A machine
/// without it fails the tests that need it, naming the install, rather than skipping them: build.ps1 must stay tested.
/// </summary>
internal static class PowerShell
{
    /// <summary>The version .ci/run and the workflows' set-up step install where no pwsh is present (scripts/ci/install-pwsh.sh).</summary>
    public const string InstallHint =
        "Install PowerShell with `scripts/ci/install-pwsh.sh --dir DIR` (dotnet tool install --tool-path DIR PowerShell --version 7.6.10) " +
        "and put DIR on PATH or set PWSH=DIR/pwsh (docs/build.md#test-categories).";

    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    private static string Find()
    {
        var named = Environment.GetEnvironmentVariable("PWSH");
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named) ? named : throw new InvalidOperationException($"PWSH={named} is not a file. {InstallHint}");
        }

        var executable = OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"PowerShell (pwsh) is not on PATH and PWSH is not set: build.ps1 cannot be tested. {InstallHint}");
    }
}

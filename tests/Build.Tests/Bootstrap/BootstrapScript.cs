using CliWrap.Buffered;

namespace Build.Tests.Bootstrap;

/// <summary>One of the scripts a user starts the build with, run as that user would: build.sh with bash, build.ps1 with pwsh.</summary>
public sealed record BootstrapScript(string Name)
{
    public const string Bash = "build.sh";
    public const string PowerShell = "build.ps1";

    /// <summary>The other script, which shares this one's build output and stamp file.</summary>
    public BootstrapScript Other => new(Name == Bash ? PowerShell : Bash);

    /// <summary>Runs the script in <paramref name="root"/> (a checkout, or a copy of its build) with the arguments.</summary>
    public Task<BufferedCommandResult> Run(string root, params string[] arguments) => Name switch
    {
        Bash => Repository.Run("bash", [Path.Combine(root, Bash), .. arguments], root),
        PowerShell => Repository.Run(Bootstrap.PowerShell.Path, ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", Path.Combine(root, PowerShell), .. arguments], root,
            // No update check or telemetry call home from a test run.
            new Dictionary<string, string?> { ["POWERSHELL_UPDATECHECK"] = "Off", ["POWERSHELL_TELEMETRY_OPTOUT"] = "1" }),
        _ => throw new ArgumentException($"{Name} is not a bootstrap script ({Bash} or {PowerShell}).", nameof(Name)),
    };

    public override string ToString() => Name;
}

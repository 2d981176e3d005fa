namespace BuildEngine;

/// <summary>The engine's own options. They come from the command line only and are listed after the build's parameters.</summary>
internal sealed class BuiltInOptions
{
    [Parameter("Targets to run; the same as naming them before the first option.")]
    public string[]? Target { get; set; }

    [Parameter("Targets to skip; with no names, every target that was not invoked.")]
    public string[]? Skip { get; set; }

    [Parameter("Shows the targets and parameters.")]
    public bool Help { get; set; }

    [Parameter("Writes the execution plan as an HTML graph to .nuke/temp/execution-plan.html and stops.")]
    public bool Plan { get; set; }

    [Parameter("Root directory of the repository (default: the nearest directory with a .nuke folder).")]
    public AbsolutePath? Root { get; set; }

    [Parameter("Logging verbosity.")]
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [Parameter("Host for output and annotations (default: detected from the environment).")]
    public HostKind? Host { get; set; }

    [Parameter("Parameter profiles to load: .nuke/parameters.<profile>.json, applied over .nuke/parameters.json in order.")]
    public string[] Profile { get; set; } = [];

    [Parameter("A parameters file outside the repository (e.g. ~/.config/<project>/parameters.json), applied over the profiles: the only file that may hold secret parameters.")]
    public AbsolutePath? ParametersFile { get; set; }

    [Parameter("Writes the GitHub Actions workflows the build declares to .github/workflows/ and stops.")]
    public bool GenerateWorkflows { get; set; }

    [Parameter("Fails when a committed workflow in .github/workflows/ differs from what the build generates.")]
    public bool CheckWorkflows { get; set; }

    [Parameter("Re-runs the previous invocation, skipping the targets that already succeeded in it.")]
    public bool Continue { get; set; }

    [Parameter("Does not print the logo.")]
    public bool NoLogo { get; set; }

    public static IReadOnlyList<ParameterMember> Members { get; } = ParameterMember.FindAll(typeof(BuiltInOptions));
}

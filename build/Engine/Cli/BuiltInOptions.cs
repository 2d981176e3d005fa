using Tooling;

namespace BuildEngine;

/// <summary>
/// The engine's own options, listed after the build's parameters. Those that say how to run (targets, skips,
/// verbosity, host, logo) may also come from the parameters files and from <c>NUKE_</c>-prefixed environment variables;
/// the ones that find the files or act once (help, plan, root, profiles, workflows, continue, completion) are command line only.
/// </summary>
internal sealed class BuiltInOptions
{
    [Parameter("Targets to run; the same as naming them before the first option.")]
    public string[]? Target { get; set; }

    [Parameter("Targets to skip; with no names, every target that was not invoked.")]
    public string[]? Skip { get; set; }

    [Parameter("Shows the targets and parameters; with target names (./build.sh Push --help, or --help Push), what those targets depend on, produce, consume and read.", CommandLineOnly = true)]
    public string[]? Help { get; set; }

    [Parameter("Writes the execution plan as an HTML graph to .nuke/temp/execution-plan.html and stops.", CommandLineOnly = true)]
    public bool Plan { get; set; }

    [Parameter("Root directory of the repository (default: the nearest directory with a .nuke folder).", CommandLineOnly = true)]
    public AbsolutePath? Root { get; set; }

    [Parameter("Logging verbosity.")]
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [Parameter("Host for output and annotations (default: detected from the environment).")]
    public HostKind? Host { get; set; }

    [Parameter("Parameter profiles to load: .nuke/parameters.<profile>.json, applied over .nuke/parameters.json in order.", CommandLineOnly = true)]
    public string[] Profile { get; set; } = [];

    [Parameter("A parameters file outside the repository (e.g. ~/.config/<project>/parameters.json), applied over the profiles: the only file that may hold secret parameters.", CommandLineOnly = true)]
    public AbsolutePath? ParametersFile { get; set; }

    [Parameter("Writes the GitHub Actions workflows the build declares to .github/workflows/ and stops.", CommandLineOnly = true)]
    public bool GenerateWorkflows { get; set; }

    [Parameter("Fails when a committed workflow in .github/workflows/ differs from what the build generates.", CommandLineOnly = true)]
    public bool CheckWorkflows { get; set; }

    [Parameter("Re-runs the previous invocation, skipping the targets that already succeeded in it.", CommandLineOnly = true)]
    public bool Continue { get; set; }

    [Parameter("Does not print the logo.")]
    public bool NoLogo { get; set; }

    [Parameter("Prints a completion script for the shell and stops: source <(./build.sh --completion bash).", CommandLineOnly = true)]
    public CompletionShell? Completion { get; set; }

    public static IReadOnlyList<ParameterMember> Members { get; } = ParameterMember.FindAll(typeof(BuiltInOptions));

    /// <summary>
    /// The environment the built-ins are read from: NUKE_-prefixed variables only, because the bare names are taken
    /// (shells and toolchains set HOST and TARGET for their own ends).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> variables) =>
        variables.Where(variable => variable.Key.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
}

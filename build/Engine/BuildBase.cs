using System.Linq.Expressions;
using Serilog;
using Tooling;

namespace BuildEngine;

/// <summary>
/// The base of a build class. Targets are <see cref="Target"/> properties, parameters are members with
/// <see cref="ParameterAttribute"/>; <c>public static int Main() =&gt; Execute&lt;Build&gt;(x =&gt; x.Compile);</c> runs it.
/// </summary>
public abstract class BuildBase
{
    /// <summary>The repository root: the nearest directory with a .nuke folder, or --root.</summary>
    public AbsolutePath RootDirectory { get; internal set; } = null!;

    /// <summary><c>.nuke/temp</c>: logs, the plan, caches; git-ignored.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    public BuildHost Host { get; internal set; } = null!;

    /// <summary>Starts processes, logging them with secrets masked.</summary>
    public ToolRunner Tools { get; internal set; } = null!;

    /// <summary>Values registered here (tokens obtained at run time) are masked like secret parameters.</summary>
    public SecretMasker Secrets { get; internal set; } = null!;

    /// <summary>
    /// The environment variables this build reads, taken from the process once when the run starts (a test gives its
    /// own). Parameters, the CI host, targets and the tools' processes (<see cref="ChildEnvironment"/>) all read this
    /// one copy, so what a test puts here is what the build sees.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; internal set; } = new Dictionary<string, string>();

    /// <summary>
    /// True on a developer's machine; false on CI (GITHUB_ACTIONS or CI set to true). Usable in field initialisers:
    /// static, so it reads the running build's environment (set before the build is constructed), else the process's.
    /// </summary>
    public static bool IsLocalBuild => !IsServerBuild;

    public static bool IsServerBuild => IsServer(RunEnvironment.Value ?? ProcessEnvironment());

    /// <summary>The environment of the run in progress on this async flow; field initialisers run before it is on the instance.</summary>
    internal static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> RunEnvironment = new();

    internal static bool IsServer(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") == "true" || environment.GetValueOrDefault("CI") == "true";

    /// <summary>
    /// Whether this run's publishing jobs run, for <c>OnlyWhenStatic(() =&gt; IsPublishingRun)</c> on a target whose
    /// output only a publishing job takes. Off GitHub Actions always true; on it, what the generated workflow passes a
    /// job that runs a publishing target: the publishing jobs' own <c>if:</c> (a push to the default branch or a tag for
    /// a code-triggered workflow). A job it passes nothing to counts as not publishing.
    /// </summary>
    public bool IsPublishingRun { get; internal set; } = true;

    /// <summary>The targets in the order they run, with their status once they have.</summary>
    public IReadOnlyList<ExecutableTarget> ExecutionPlan { get; internal set; } = [];

    /// <summary>
    /// A short note for the running target's row in the summary table and the step summary (test counts, a digest, a
    /// version), as NUKE's ReportSummary shows pairs there. Secrets are masked; the last call wins; if the target
    /// then fails, its failure message takes the row instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a target's Executes.</exception>
    protected void SummaryNote(string note)
    {
        var target = TargetExecutor.Current
            ?? throw new InvalidOperationException("SummaryNote belongs to a running target: call it from (what is awaited in) an Executes action.");
        target.Note = Secrets.Redact(note);
    }

    /// <summary>Runs the build with the process's arguments; returns the exit code.</summary>
    protected static int Execute<TBuild>(params Expression<Func<TBuild, Target>>[] defaultTargets)
        where TBuild : BuildBase, new() =>
        BuildRunner.Run(
            () => new TBuild(),
            Environment.GetCommandLineArgs().Skip(1).ToArray(),
            [.. defaultTargets.Select(TargetName)],
            new BuildEnvironment(Console.Out, ProcessEnvironment(), Directory.GetCurrentDirectory()),
            listenToSignals: true).GetAwaiter().GetResult();

    /// <summary>The actions (pinned by SHA), tool set-up steps and runners the generated workflows may use.</summary>
    protected internal virtual GitHubActionsCatalog WorkflowCatalog => new();

    /// <summary>Called after parameters are set and before the first target runs.</summary>
    protected internal virtual void OnBuildInitialized()
    {
    }

    /// <summary>Called after the last target, whatever the outcome.</summary>
    protected internal virtual void OnBuildFinished(bool succeeded)
    {
    }

    internal static string TargetName<TBuild>(Expression<Func<TBuild, Target>> selector) =>
        selector.Body is MemberExpression member
            ? member.Member.Name
            : throw new BuildDefinitionException($"A default target must be a property, as in x => x.Compile; got {selector.Body}.");

    /// <summary>The process's variables now: read once, by <see cref="Execute{TBuild}"/>, and nowhere else in a run.</summary>
    internal static IReadOnlyDictionary<string, string> ProcessEnvironment() => ChildEnvironment.Process();

    protected static ILogger Log => Serilog.Log.Logger;
}

using System.Diagnostics;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Tooling;

namespace BuildEngine;

/// <summary>
/// One invocation from arguments to exit code: options, root, parameters, logging, targets, then --help,
/// --plan or the run itself with its summary.
/// </summary>
internal static class BuildRunner
{
    public static async Task<int> Run(
        Func<BuildBase> createBuild,
        string[] arguments,
        IReadOnlyCollection<string> defaultTargets,
        BuildEnvironment environment,
        bool listenToSignals = false)
    {
        // Before the build is constructed: its field initialisers may ask IsLocalBuild. Flows with this call only.
        BuildBase.RunEnvironment.Value = environment.Variables;
        var masker = new SecretMasker();
        var commandLine = CommandLine.Parse(arguments);
        var options = new BuiltInOptions();
        var fallbackHost = BuildHost.Create(BuildHost.Detect(environment.Variables), environment.Output, masker, environment.Variables);
        AbsolutePath root;
        List<ParameterFile> files;
        try
        {
            // The command line first: it says where the root and the parameters files are. Then the built-ins that
            // may also come from those files or NUKE_ variables (verbosity, host, ...), before anything is logged.
            var cliOnly = new ParameterSources(commandLine, environment.Variables, [], _ => { });
            ParameterInjector.Inject(options, BuiltInOptions.Members, cliOnly, masker, environment.WorkingDirectory, commandLineOnly: true);
            root = options.Root ?? FindRoot(environment.WorkingDirectory);
            files = LoadParameterFiles(root, options.Profile, options.ParametersFile);
            var builtInSources = new ParameterSources(commandLine, BuiltInOptions.Environment(environment.Variables), files, _ => { });
            ParameterInjector.Inject(options, BuiltInOptions.Members, builtInSources, masker, environment.WorkingDirectory);
        }
        catch (BuildFailedException exception)
        {
            fallbackHost.WriteLine($"error: {exception.Message}");
            return 1;
        }

        var host = BuildHost.Create(options.Host ?? BuildHost.Detect(environment.Variables), environment.Output, masker, environment.Variables);
        var collector = new DiagnosticCollector();
        var temporary = root / ".nuke" / "temp";
        Directory.CreateDirectory(temporary);
        File.Delete(temporary / "build.log"); // one run per log file, as NUKE keeps it
        using var logger = BuildLogging.Create(host, masker, options.Verbosity, temporary / "build.log", collector);
        Log.Logger = logger;
        try
        {
            return await Run(createBuild(), commandLine, options, files, arguments, defaultTargets, environment, root, host, masker, logger, collector, listenToSignals);
        }
        catch (Exception exception) when (exception is BuildFailedException or BuildDefinitionException)
        {
            logger.Error("{Message}", exception.Message);
            return 1;
        }
        finally
        {
            Log.Logger = Logger.None;
        }
    }

    private static async Task<int> Run(
        BuildBase build,
        CommandLine commandLine,
        BuiltInOptions options,
        IReadOnlyList<ParameterFile> files,
        string[] arguments,
        IReadOnlyCollection<string> defaultTargets,
        BuildEnvironment environment,
        AbsolutePath root,
        BuildHost host,
        SecretMasker masker,
        ILogger log,
        DiagnosticCollector collector,
        bool listenToSignals)
    {
        build.EnvironmentVariables = environment.Variables;
        var parameters = ParameterMember.FindAll(build.GetType());
        var sources = new ParameterSources(commandLine, environment.Variables, files, message => log.Warning("{Message}", message));
        ParameterInjector.RejectUnknown(sources, [.. parameters, .. BuiltInOptions.Members]);
        SecretSources.Check(sources, parameters, root);
        ParameterInjector.Inject(build, parameters, sources, masker, environment.WorkingDirectory);
        build.IsPublishingRun = PublishingRun.IsPublishing(environment.Variables);

        using var cancellation = new BuildCancellation();
        build.RootDirectory = root;
        build.Host = host;
        build.Secrets = masker;
        var secretKeys = parameters.Where(parameter => parameter.IsSecret).Select(parameter => ParameterNames.Normalize(parameter.Name)).ToList();
        build.Tools = new ToolRunner(log, () => cancellation.Current,
            new ChildEnvironment(environment.Variables, variable => secretKeys.Any(key => ParameterNames.IsEnvironmentNameOf(variable, key)), () => masker.Values));

        var targets = TargetDiscovery.Discover(build, defaultTargets);
        if (options.Completion is { } shell)
        {
            // Before anything may log: the output is sourced by the shell.
            host.WriteLine(CompletionWriter.Render(shell, targets, [.. parameters, .. BuiltInOptions.Members]));
            return 0;
        }

        SchemaWriter.Write(root / ".nuke" / "build.schema.json", SchemaWriter.Render(targets, parameters, BuiltInOptions.Members));
        if (KeepWorkflowsCurrent(build, targets, parameters, options, root, log, environment.Variables) is { } exitCode)
        {
            return exitCode;
        }

        // Targets named on the command line replace those a parameters file or NUKE_TARGET names, as in NUKE.
        string[] invoked = commandLine.PositionalTargets.Count > 0 && !commandLine.Has(nameof(BuiltInOptions.Target))
            ? [.. commandLine.PositionalTargets]
            : [.. commandLine.PositionalTargets, .. options.Target ?? []];
        if (options.Help is { } helpTargets)
        {
            string[] described = [.. commandLine.PositionalTargets, .. helpTargets, .. commandLine.GetValues(nameof(BuiltInOptions.Target)) ?? []];
            host.WriteLine(described.Length > 0
                ? TargetHelpWriter.Render(targets, [.. described.Select(name => ExecutionPlanner.Find(targets, name)).Distinct()], parameters)
                : HelpWriter.Render(targets, parameters, BuiltInOptions.Members));
            return 0;
        }

        var plan = ExecutionPlanner.Plan(targets, invoked);
        build.ExecutionPlan = plan;
        if (options.Plan)
        {
            var page = build.TemporaryDirectory / "execution-plan.html";
            File.WriteAllText(page, PlanWriter.Render(targets, plan, $"Execution plan: {string.Join(", ", plan.Where(target => target.IsInvoked))}"));
            log.Information("Execution plan written to {Path}", page.Value);
            return 0;
        }

        if (!options.NoLogo)
        {
            host.WriteLine(host.Style($"{build.GetType().Name} · {string.Join(" → ", plan.Select(target => target.Name))}", Ansi.Bold));
        }

        var attempt = BuildAttempt.For(build.TemporaryDirectory / "build-attempt.log", arguments);
        var succeededBefore = options.Continue ? attempt.SucceededBefore() : new HashSet<string>();
        SkipRules.Apply(plan, options.Skip?.Select(name => ExecutionPlanner.Find(targets, name)).ToList(), succeededBefore);
        try
        {
            SkipRules.CheckRequirements(plan, member => Describe(parameters, member), condition => AsOptions(parameters, condition));
        }
        catch (BuildFailedException exception)
        {
            // Nothing ran, but the run failed: what happens when a build finishes (metrics, a failure notice) happens.
            log.Error("{Message}", exception.Message);
            build.OnBuildFinished(false);
            return 1;
        }

        attempt.Start(succeededBefore);

        if (listenToSignals)
        {
            cancellation.ListenToSignals();
        }

        var stopwatch = Stopwatch.StartNew();
        build.OnBuildInitialized();
        var succeeded = await new TargetExecutor(host, log, cancellation, target => attempt.RecordSuccess(target.Name)).RunAsync(plan);
        build.OnBuildFinished(succeeded);
        Report(host, plan, stopwatch.Elapsed, succeeded, collector);
        return succeeded ? 0 : 1;
    }

    /// <summary>
    /// --check-workflows and --generate-workflows answer and stop (an exit code); a local run regenerates stale
    /// workflows as NUKE does and warns, so the change gets committed; CI never writes them.
    /// </summary>
    private static int? KeepWorkflowsCurrent(BuildBase build, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters,
        BuiltInOptions options, AbsolutePath root, ILogger log, IReadOnlyDictionary<string, string> environment)
    {
        // A plain run in a root without the catalog's pins file (a sample repository the build is pointed at with --root)
        // has no workflows to keep current: it runs its targets; only --generate/--check-workflows insist on the file.
        if (!options.CheckWorkflows && !options.GenerateWorkflows && build.WorkflowCatalog.PinFile is { } pins && !(root / pins).FileExists())
        {
            return null;
        }

        var workflows = WorkflowGenerator.Generate(build, targets, parameters, root);
        if (options.CheckWorkflows)
        {
            // The action pins file is not checked: behind a Dependabot bump of the workflows it catches up when generated.
            var stale = WorkflowGenerator.Stale(root, workflows.Where(file => file.Checked)).Select(file => file.RelativePath).ToList();
            foreach (var path in stale)
            {
                log.Error("{Path} is not what the build generates. Run ./build.sh --generate-workflows and commit it.", path);
            }

            log.Information("{Count} workflow(s) checked, {Stale} stale", workflows.Count(file => file.Checked), stale.Count);
            return stale.Count == 0 ? 0 : 1;
        }

        if (options.GenerateWorkflows || !BuildBase.IsServer(environment))
        {
            foreach (var path in WorkflowGenerator.Write(root, workflows))
            {
                log.Warning("Regenerated {Path} from the build; commit it.", path);
            }
        }

        return options.GenerateWorkflows ? 0 : null;
    }

    private static void Report(BuildHost host, IReadOnlyList<ExecutableTarget> plan, TimeSpan elapsed, bool succeeded, DiagnosticCollector collector)
    {
        host.WriteLine();
        if (collector.Entries.Count > 0)
        {
            host.WriteLine(host.Style("Errors & Warnings", Ansi.Bold));
            foreach (var (level, message) in collector.Entries)
            {
                host.WriteLine(host.Style($"[{(level == Serilog.Events.LogEventLevel.Warning ? "WRN" : "ERR")}] {message}", Ansi.ForLevel(level) ?? ""));
            }

            host.WriteLine();
        }

        var outcome = $"Build {(succeeded ? "succeeded" : "failed")} on {DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}.";
        host.WriteLine(BuildSummary.ToText(plan, elapsed));
        host.WriteLine(host.Style(outcome, succeeded ? Ansi.Green : Ansi.Red));
        host.PublishSummary(BuildSummary.ToMarkdown(plan, elapsed, outcome));
    }

    /// <summary><c>Replicas &gt; 0</c> as the user can act on it: <c>--replicas &gt; 0</c>.</summary>
    private static string AsOptions(IReadOnlyList<ParameterMember> parameters, string condition) =>
        parameters.Aggregate(condition, (text, parameter) =>
            System.Text.RegularExpressions.Regex.Replace(text, $@"(?<![\w.]){parameter.Name}\b", parameter.CliName));

    private static string Describe(IReadOnlyList<ParameterMember> parameters, string memberName) =>
        parameters.FirstOrDefault(parameter => parameter.Name == memberName) is { } parameter
            ? $"{parameter.CliName} (or environment variable {parameter.EnvironmentName})"
            : $"'{memberName}'";

    private static AbsolutePath FindRoot(string workingDirectory)
    {
        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return AbsolutePath.Create(directory.FullName);
            }
        }

        throw new BuildFailedException($"No .nuke directory in {workingDirectory} or any parent. Run the build inside the repository, or pass --root.");
    }

    private static List<ParameterFile> LoadParameterFiles(AbsolutePath root, IEnumerable<string> profiles, AbsolutePath? parametersFile)
    {
        var directory = root / ".nuke";
        var files = new List<ParameterFile>();
        var defaults = directory / "parameters.json";
        if (defaults.FileExists())
        {
            files.Add(ParameterFile.Load(defaults, ".nuke/parameters.json"));
        }

        foreach (var profile in profiles)
        {
            var file = directory / $"parameters.{profile}.json";
            if (!file.FileExists())
            {
                var available = Directory.GetFiles(directory, "parameters.*.json").Select(path => Path.GetFileName(path)["parameters.".Length..^".json".Length]).Order(StringComparer.Ordinal);
                throw new BuildFailedException(
                    $"Profile '{profile}' not found: .nuke/parameters.{profile}.json does not exist. Available profiles: {string.Join(", ", available.DefaultIfEmpty("(none)"))}.");
            }

            files.Add(ParameterFile.Load(file, $".nuke/parameters.{profile}.json"));
        }

        if (parametersFile is not null)
        {
            files.Add(parametersFile.FileExists()
                ? ParameterFile.Load(parametersFile, parametersFile)
                : throw new BuildFailedException($"--parameters-file {parametersFile} does not exist."));
        }

        return files;
    }
}

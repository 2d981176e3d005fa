using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Build.Tests;

/// <summary>
/// Issue 16's rules for a workflow file, read from its YAML (so they hold for any workflow a future target makes):
/// nothing cached reaches a tag (release) run, no cache input, no action or pipe that fetches code and runs it,
/// tools only through scripts/ci/install-tool.sh (pinned, checksum-verified) or npm ci of a committed lockfile, and
/// no cache token in a job that builds no image. Each rule returns its violations, named by rule, job and step.
/// </summary>
internal static partial class ReleasePathRules
{
    public const string TagCache = "cache-on-tag-runs";
    public const string CacheInput = "cache-input";
    public const string FetchedCode = "fetched-code";
    public const string UnpinnedTool = "unpinned-tool";
    public const string IdleCacheToken = "cache-token-without-image-build";

    /// <summary>Actions known to fetch an install script or a tool at run time, unverified against the repository.</summary>
    public static readonly string[] FetchingActions =
        ["anchore/sbom-action", "anchore/scan-action", "aquasecurity/setup-trivy", "aquasecurity/trivy-action"];

    /// <summary>Actions that export the runner's cache-service token to later steps.</summary>
    public static readonly string[] CacheTokenActions = ["crazy-max/ghaction-github-runtime"];

    /// <summary>
    /// Targets that build an image (docker buildx build), themselves or through DependsOn(DockerBuild): only their jobs
    /// may hold a cache token. A new image-building target joins this list, or its job's token is flagged.
    /// </summary>
    public static readonly string[] ImageBuildingTargets = ["DockerBuild", "ImageTest", "Scan", "VerifyReproducible", "PushByDigest", "Push", "Benchmark"];

    public static IReadOnlyList<string> Check(WorkflowDocument workflow, string repositoryRoot) =>
    [
        .. CachesSkipTagRuns(workflow), .. NoCacheInputs(workflow), .. NoFetchedCode(workflow),
        .. ToolsArePinned(workflow, repositoryRoot), .. CacheTokenOnlyWhereImagesAreBuilt(workflow),
    ];

    /// <summary>Every cache step and cache-token step carries an if: excluding refs/tags, or its job does.</summary>
    public static IEnumerable<string> CachesSkipTagRuns(WorkflowDocument workflow) =>
        from found in workflow.AllSteps
        where IsCacheStep(found.Step) || IsCacheTokenStep(found.Step)
        where !ExcludesTags(WorkflowDocument.ScalarOf(found.Step, "if")) && !ExcludesTags(WorkflowDocument.ScalarOf(workflow.Job(found.Job), "if"))
        select Violation(TagCache, found.Job, found.Step, "restores/saves a cache or exports the cache token on tag runs: add if: ${{ !startsWith(github.ref, 'refs/tags/') }}");

    /// <summary>No with: cache (setup-trivy's, setup-node's, …) other than false, and no buildx cache-from/cache-to.</summary>
    public static IEnumerable<string> NoCacheInputs(WorkflowDocument workflow) =>
        from found in workflow.AllSteps
        from input in WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(found.Step, "with"))
        where (input.Key == "cache" && input.Value.Trim().Trim('\'', '"') is not ("false" or "")) || input.Key is "cache-from" or "cache-to"
        select Violation(CacheInput, found.Job, found.Step, $"with: {input.Key}: {input.Value} brings a shared cache into the job");

    /// <summary>No action that fetches and runs code at run time, and no curl/wget piped into a shell.</summary>
    public static IEnumerable<string> NoFetchedCode(WorkflowDocument workflow)
    {
        foreach (var (job, step) in workflow.AllSteps)
        {
            if (ActionOf(step) is { } action && FetchingActions.FirstOrDefault(denied => action == denied || action.StartsWith(denied + "/", StringComparison.Ordinal)) is { } match)
            {
                yield return Violation(FetchedCode, job, step, $"{action} fetches and runs code at run time ({match}): install the tool with scripts/ci/install-tool.sh");
            }

            if (WorkflowDocument.ScalarOf(step, "run") is { } run && PipedDownload().Match(run) is { Success: true } pipe)
            {
                yield return Violation(FetchedCode, job, step, $"'{pipe.Value.Trim()}' runs a downloaded script: pin it in scripts/ci/tools.lock instead");
            }
        }
    }

    /// <summary>
    /// Tools come from scripts/ci/install-tool.sh with a line per architecture in scripts/ci/tools.lock, or from npm ci
    /// of a committed package-lock.json; no package-manager install (apt-get, pip, npm install, go install, …).
    /// </summary>
    public static IEnumerable<string> ToolsArePinned(WorkflowDocument workflow, string repositoryRoot)
    {
        var table = File.ReadAllLines(Path.Combine(repositoryRoot, "scripts", "ci", "tools.lock"))
            .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        foreach (var (job, step) in workflow.AllSteps)
        {
            if (WorkflowDocument.ScalarOf(step, "run") is not { } run)
            {
                continue;
            }

            if (PackageInstall().Match(run) is { Success: true } install)
            {
                yield return Violation(UnpinnedTool, job, step, $"'{install.Value.Trim()}' installs an unpinned tool: add it to scripts/ci/tools.lock and use scripts/ci/install-tool.sh");
            }

            foreach (Match call in InstallToolCall().Matches(run))
            {
                var tool = call.Groups["tool"].Value;
                var arches = table.Where(columns => columns[0] == tool).Select(columns => columns.Length > 2 ? columns[2] : "").ToHashSet();
                if (!arches.IsSupersetOf(["x86_64", "aarch64"]))
                {
                    yield return Violation(UnpinnedTool, job, step, $"install-tool.sh {tool}: scripts/ci/tools.lock needs a line for x86_64 and for aarch64");
                }
            }

            foreach (Match npm in NpmCi().Matches(run))
            {
                var prefix = npm.Groups["prefix"].Success ? npm.Groups["prefix"].Value : ".";
                if (!File.Exists(Path.Combine(repositoryRoot, prefix, "package-lock.json")))
                {
                    yield return Violation(UnpinnedTool, job, step, $"npm ci in {prefix}: no committed {prefix}/package-lock.json to verify the packages against");
                }
            }
        }
    }

    /// <summary>A cache-token step only in a job whose build step runs an image-building target.</summary>
    public static IEnumerable<string> CacheTokenOnlyWhereImagesAreBuilt(WorkflowDocument workflow) =>
        from job in workflow.JobIds
        let builds = workflow.StepsOf(job).Select(step => WorkflowDocument.ScalarOf(step, "run")).OfType<string>()
            .Where(run => run.StartsWith("./build.sh", StringComparison.Ordinal))
            .SelectMany(run => run.Split(' ').Skip(1).TakeWhile(word => !word.StartsWith("--", StringComparison.Ordinal)))
            .Any(target => ImageBuildingTargets.Contains(target))
        where !builds
        from step in workflow.StepsOf(job).Where(IsCacheTokenStep)
        select Violation(IdleCacheToken, job, step, "exports the cache token in a job that builds no image: only a job running DockerBuild (or a target depending on it) needs it");

    private static bool IsCacheStep(YamlMappingNode step) =>
        ActionOf(step) is { } action && (action == "actions/cache" || action.StartsWith("actions/cache/", StringComparison.Ordinal));

    private static bool IsCacheTokenStep(YamlMappingNode step) =>
        (ActionOf(step) is { } action && CacheTokenActions.Contains(action))
        || WorkflowDocument.ScalarOf(step, "run") is { } run && CacheTokenExport().IsMatch(run);

    /// <summary>An if: that is false on every tag ref: it requires !startsWith(github.ref, 'refs/tags/') and has no ||.</summary>
    private static bool ExcludesTags(string? condition)
    {
        var bare = Regex.Replace(condition ?? "", @"\s+", "");
        return bare.Contains("!startsWith(github.ref,'refs/tags/')", StringComparison.Ordinal) && !bare.Contains("||", StringComparison.Ordinal);
    }

    private static string? ActionOf(YamlMappingNode step) => WorkflowDocument.ScalarOf(step, "uses")?.Split('@')[0];

    private static string Violation(string rule, string job, YamlMappingNode step, string message) =>
        $"{rule}: job {job}, step '{WorkflowDocument.ScalarOf(step, "name") ?? ActionOf(step) ?? "?"}': {message}";

    [GeneratedRegex(@"\b(curl|wget)\b[^\n|]*\|\s*(sudo\s+)?(-\S+\s+)*(ba|z|da)?sh\b|\b(ba)?sh\s+(-c\s+)?[""']?(<\(|\$\()\s*(curl|wget)\b")]
    private static partial Regex PipedDownload();

    [GeneratedRegex(@"\b(apt-get|apt|aptitude|yum|dnf|apk|brew|snap|pip3?|pipx|gem|go|cargo)\s+(-\S+\s+)*(install|add|get)\b|\bnpm\s+(-\S+\s+)*(install|i|add)\b|\bnpx\s|\bdotnet\s+tool\s+(install|update)\b")]
    private static partial Regex PackageInstall();

    [GeneratedRegex(@"scripts/ci/install-tool\.sh\s+(?<tool>[A-Za-z0-9_.-]+)")]
    private static partial Regex InstallToolCall();

    [GeneratedRegex(@"\bnpm\s+ci\b(?:[^\n]*?--prefix\s+(?<prefix>\S+))?")]
    private static partial Regex NpmCi();

    [GeneratedRegex(@"ACTIONS_RUNTIME_TOKEN|ACTIONS_CACHE_URL|ACTIONS_RESULTS_URL")]
    private static partial Regex CacheTokenExport();
}

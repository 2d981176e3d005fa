using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TestSupport;

/// <summary>
/// A GitHub Actions workflow file parsed with YamlDotNet, with the look-ups and the hardening checks that the engine's
/// tests (a test build's workflow) and the build's tests (the real workflow) share. The checks return what violates
/// them, so that an assertion can print it.
/// </summary>
public sealed partial class WorkflowDocument
{
    public WorkflowDocument(string text)
    {
        Text = text;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Jobs => MappingOf(Root, "jobs") ?? throw new InvalidOperationException("The workflow has no jobs.");

    public IReadOnlyList<string> JobIds => [.. Jobs.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!)];

    public YamlMappingNode Job(string id) => MappingOf(Jobs, id) ?? throw new InvalidOperationException($"The workflow has no job '{id}'.");

    public IReadOnlyList<string> NeedsOf(string job) => Job(job).Children.TryGetValue(new YamlScalarNode("needs"), out var needs)
        ? needs switch
        {
            YamlSequenceNode sequence => [.. sequence.Children.Cast<YamlScalarNode>().Select(item => item.Value!)],
            YamlScalarNode single => [single.Value!],
            _ => throw new InvalidOperationException($"needs of {job} is neither a list nor a job id."),
        }
        : [];

    public IReadOnlyList<YamlMappingNode> StepsOf(string job) =>
        [.. ((YamlSequenceNode)Job(job).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>()];

    /// <summary>Every step of every job, with its job's id.</summary>
    public IEnumerable<(string Job, YamlMappingNode Step)> AllSteps => JobIds.SelectMany(job => StepsOf(job).Select(step => (job, step)));

    /// <summary>The steps of a job that use an action (owner/repo, without the @ref).</summary>
    public IReadOnlyList<YamlMappingNode> StepsUsing(string job, string action) =>
        [.. StepsOf(job).Where(step => ScalarOf(step, "uses")?.StartsWith(action + "@", StringComparison.Ordinal) == true)];

    /// <summary>The step that runs the build (its run: starts with ./build.sh).</summary>
    public YamlMappingNode BuildStepOf(string job) => StepsOf(job).Single(step => ScalarOf(step, "run")?.StartsWith("./build.sh", StringComparison.Ordinal) == true);

    /// <summary>The env: of a job's build step (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> BuildEnvOf(string job) => PairsOf(MappingOf(BuildStepOf(job), "env"));

    /// <summary>A job's permissions: (empty when it has none, i.e. the workflow's).</summary>
    public IReadOnlyDictionary<string, string> PermissionsOf(string job) => PairsOf(MappingOf(Job(job), "permissions"));

    /// <summary>The key: value pairs of a mapping (nested collections left out), e.g. a step's with: or a job's permissions:.</summary>
    public static IReadOnlyDictionary<string, string> PairsOf(YamlMappingNode? mapping) => mapping is null
        ? new Dictionary<string, string>()
        : mapping.Children.Where(pair => pair.Value is YamlScalarNode)
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);

    public static string? ScalarOf(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    public static YamlMappingNode? MappingOf(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : null;

    /// <summary><c>uses:</c> lines not of the form <c>owner/repo[/path]@&lt;40 hex&gt; # version</c>.</summary>
    public IReadOnlyList<string> UnpinnedUses() =>
        [.. Text.Split('\n').Where(line => UsesLine().IsMatch(line) && !PinnedUsesLine().IsMatch(line)).Select(line => line.Trim())];

    /// <summary>The number of <c>uses:</c> lines, so that a check of them cannot pass vacuously.</summary>
    public int UsesCount => Text.Split('\n').Count(line => UsesLine().IsMatch(line));

    /// <summary><c>run:</c> scripts that contain event text (<c>${{ github.event…</c>), which is script injection.</summary>
    public IReadOnlyList<string> RunsWithEventText() =>
        [.. AllSteps.Select(found => ScalarOf(found.Step, "run")).OfType<string>().Where(run => EventExpression().IsMatch(run))];

    /// <summary>Checkout steps that leave the token in .git/config (persist-credentials other than false).</summary>
    public IReadOnlyList<string> CheckoutsPersistingCredentials() =>
        [.. AllSteps.Where(found => ScalarOf(found.Step, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true
                && PairsOf(MappingOf(found.Step, "with")).GetValueOrDefault("persist-credentials") != "false")
            .Select(found => found.Job)];

    /// <summary>The events that run a pull request's code or act on its behalf.</summary>
    public static readonly IReadOnlyList<string> PullRequestEvents = ["pull_request", "pull_request_target"];

    /// <summary>The events of on: (a name, a list of names, or a mapping of events).</summary>
    public IReadOnlyList<string> Triggers => Root.Children.TryGetValue(new YamlScalarNode("on"), out var on)
        ? on switch
        {
            YamlScalarNode single => [single.Value!],
            YamlSequenceNode list => [.. list.Children.Cast<YamlScalarNode>().Select(item => item.Value!)],
            YamlMappingNode events => [.. events.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!)],
            _ => [],
        }
        : [];

    public bool RunsForPullRequests => Triggers.Any(PullRequestEvents.Contains);

    /// <summary>
    /// What a job that a pull request event can run may write beyond security-events (the SARIF upload), as
    /// "job: scope": its own permissions, else the workflow's, else the repository's default token (which may write
    /// everything). A job runs for pull requests unless a top-level conjunct of its if: requires another event
    /// (<c>github.event_name == 'push' &amp;&amp; …</c>); anything subtler counts as running for them.
    /// </summary>
    public IReadOnlyList<string> PullRequestWrites()
    {
        if (!RunsForPullRequests)
        {
            return [];
        }

        var workflowPermissions = Root.Children.TryGetValue(new YamlScalarNode("permissions"), out var node) ? node : null;
        return [.. JobIds.Where(job => !RequiresOtherEvent(ScalarOf(Job(job), "if")))
            .SelectMany(job => Writes(Job(job).Children.TryGetValue(new YamlScalarNode("permissions"), out var own) ? own : workflowPermissions)
                .Where(scope => scope != "security-events: write")
                .Select(scope => $"{job}: {scope}"))];
    }

    private static IEnumerable<string> Writes(YamlNode? permissions) => permissions switch
    {
        null => ["the repository's default token (no permissions:), possibly write-all"],
        YamlScalarNode { Value: "read-all" or "" or null } => [],
        YamlScalarNode scalar => [scalar.Value!],
        YamlMappingNode scopes => scopes.Children.Where(pair => ((YamlScalarNode)pair.Value).Value != "read" && ((YamlScalarNode)pair.Value).Value != "none")
            .Select(pair => $"{((YamlScalarNode)pair.Key).Value}: {((YamlScalarNode)pair.Value).Value}"),
        _ => ["permissions: of unknown form"],
    };

    /// <summary>Whether an if: expression is false for every pull request event, as far as its top-level conjuncts show.</summary>
    public static bool RequiresOtherEvent(string? condition)
    {
        if (condition is null)
        {
            return false;
        }

        var expression = condition.Trim();
        if (expression.StartsWith("${{", StringComparison.Ordinal) && expression.EndsWith("}}", StringComparison.Ordinal))
        {
            expression = expression[3..^2].Trim();
        }

        var disjuncts = SplitTopLevel(expression, "||");
        if (disjuncts.Count > 1)
        {
            return disjuncts.All(RequiresOtherEvent);
        }

        return SplitTopLevel(expression, "&&").Any(conjunct =>
            conjunct.StartsWith('(') && IsWrapped(conjunct)
                ? RequiresOtherEvent(conjunct[1..^1])
                : EventEquals().Match(conjunct) is { Success: true } match && !PullRequestEvents.Contains(match.Groups["event"].Value));
    }

    /// <summary>Whether the parenthesis the text starts with closes at its end: (a) || (b) is not wrapped.</summary>
    private static bool IsWrapped(string conjunct)
    {
        var depth = 0;
        for (var index = 0; index < conjunct.Length; index++)
        {
            depth += conjunct[index] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && index < conjunct.Length - 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits at an operator outside parentheses and quotes.</summary>
    private static List<string> SplitTopLevel(string expression, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var index = 0; index < expression.Length; index++)
        {
            var character = expression[index];
            if (character == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && character == '(')
            {
                depth++;
            }
            else if (!quoted && character == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && string.CompareOrdinal(expression, index, separator, 0, separator.Length) == 0)
            {
                parts.Add(expression[start..index].Trim());
                start = index + separator.Length;
                index += separator.Length - 1;
            }
        }

        parts.Add(expression[start..].Trim());
        return parts;
    }

    [GeneratedRegex(@"^github\.event_name\s*==\s*'(?<event>[a-z_]+)'$")]
    private static partial Regex EventEquals();

    [GeneratedRegex(@"^\s*(-\s+)?uses:")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^\s*(-\s+)?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40} # \S+$")]
    private static partial Regex PinnedUsesLine();

    [GeneratedRegex(@"\$\{\{\s*github\.event")]
    private static partial Regex EventExpression();
}

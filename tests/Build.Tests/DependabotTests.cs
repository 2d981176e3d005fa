using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Build.Tests;

/// <summary>
/// .github/dependabot.yml: which ecosystems it updates, and that every action the workflows pin is one Dependabot
/// updates: in the github-actions entry's allow list (dependency names are owner/repo, the path below it dropped) and
/// not ignored. A newly pinned action missing from the list fails here, not silently on GitHub.
/// </summary>
public sealed partial class DependabotTests
{
    private static YamlMappingNode Config
    {
        get
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, ".github", "dependabot.yml"))));
            return (YamlMappingNode)stream.Documents.Single().RootNode;
        }
    }

    private static IReadOnlyList<YamlMappingNode> Updates(YamlMappingNode config) =>
        [.. ((YamlSequenceNode)config.Children[new YamlScalarNode("updates")]).Children.Cast<YamlMappingNode>()];

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>Every action pinned in .github/workflow-pins.json or used by a committed workflow.</summary>
    public static IEnumerable<string> PinnedActions()
    {
        using var pins = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, ".github", "workflow-pins.json")));
        var filed = pins.RootElement.GetProperty("actions").EnumerateObject().Select(entry => entry.Name).ToList();
        var used = WorkflowTests.AllWorkflows
            .SelectMany(path => File.ReadAllLines(Path.Combine(Repository.Root, path)))
            .Select(line => UsesAction().Match(line)).Where(match => match.Success).Select(match => match.Groups["action"].Value);
        return filed.Concat(used).Distinct().Order(StringComparer.Ordinal);
    }

    [Test]
    public void It_updates_actions_nuget_packages_and_docker_images_from_the_repository_root()
    {
        var config = Config;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Scalar(config, "version"), Is.EqualTo("2"));
            Assert.That(Updates(config).Select(update => (Scalar(update, "package-ecosystem"), Scalar(update, "directory"))), Is.EquivalentTo(new[]
            {
                ("github-actions", "/"), // .github/workflows/*.yml
                ("nuget", "/"), // Directory.Packages.props (central package management) and the lock files
                ("docker", "/"), // Dockerfile.multistage
            }));
        }
    }

    [TestCaseSource(nameof(PinnedActions))]
    public void Every_pinned_action_is_one_Dependabot_updates(string action) =>
        Assert.That(Updated(Config, action), Is.True,
            $"Dependabot would not update {action}: add '- dependency-name: {DependencyName(action)}' to the github-actions allow list of .github/dependabot.yml.");

    [Test]
    public void An_action_missing_from_the_allow_list_or_ignored_is_not_updated()
    {
        var config = Config;
        var actions = Updates(config).Single(update => Scalar(update, "package-ecosystem") == "github-actions");
        var ignore = new YamlSequenceNode(new YamlMappingNode(new YamlScalarNode("dependency-name"), new YamlScalarNode("actions/*")));
        actions.Children[new YamlScalarNode("ignore")] = ignore;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Updated(Config, "newcomer/setup-tool"), Is.False, "not in the allow list");
            Assert.That(Updated(Config, "github/codeql-action/upload-sarif"), Is.True, "named by its repository");
            Assert.That(Updated(config, "actions/checkout"), Is.False, "ignored");
        }
    }

    /// <summary>Whether the github-actions entry allows the action's repository and ignores none of it.</summary>
    private static bool Updated(YamlMappingNode config, string action)
    {
        var entry = Updates(config).SingleOrDefault(update => Scalar(update, "package-ecosystem") == "github-actions" && Scalar(update, "directory") == "/");
        if (entry is null)
        {
            return false;
        }

        var name = DependencyName(action);
        bool Lists(string key, bool whenAbsent) => entry.Children.TryGetValue(new YamlScalarNode(key), out var list)
            ? ((YamlSequenceNode)list).Children.Cast<YamlMappingNode>()
                .Any(rule => Scalar(rule, "dependency-name") is { } pattern && Matches(pattern, name) && !rule.Children.ContainsKey(new YamlScalarNode("update-types")))
            : whenAbsent;
        return Lists("allow", whenAbsent: true) && !Lists("ignore", whenAbsent: false);
    }

    /// <summary>Dependabot's name for an action: owner/repo (github/codeql-action/upload-sarif is github/codeql-action).</summary>
    private static string DependencyName(string action) => string.Join('/', action.Split('/').Take(2));

    private static bool Matches(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*(?<action>[^@\s]+)@")]
    private static partial Regex UsesAction();
}

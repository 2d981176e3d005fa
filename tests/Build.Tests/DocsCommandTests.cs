using System.Text.RegularExpressions;
using Build.Tests.Docs;

namespace Build.Tests;

/// <summary>
/// Every <c>./build.sh …</c> command the docs show names targets and options the build has, as <c>./build.sh --help</c>
/// lists them: a renamed target or parameter fails here instead of in a reader's terminal. A document that shows an
/// exercise adding its own names declares them once, in an HTML comment the reader does not see:
/// <c>&lt;!-- docs-check adds: Hello --name --&gt;</c>.
/// </summary>
public sealed partial class DocsCommandTests
{
    private BuildHelp help = null!;

    [OneTimeSetUp]
    public async Task ReadTheBuildsHelp()
    {
        var result = await Repository.BuildScript("--help");
        Assert.That(result.ExitCode, Is.Zero, $"./build.sh --help failed:\n{result.StandardOutput}\n{result.StandardError}");
        help = BuildHelp.Parse(result.StandardOutput);
    }

    [Test]
    public void The_help_parses_into_targets_and_options()
    {
        Assert.Multiple(() =>
        {
            Assert.That(help.Targets, Is.SupersetOf(new[] { "compile", "dockerbuild", "test", "push", "sign", "sbom" }));
            Assert.That(help.Options, Is.SupersetOf(new[] { "--help", "--skip", "--plan", "--profile", "--configuration", "--platforms", "--image-size-budget-action" }));
        });
    }

    [Test]
    public void The_docs_commands_are_found_in_code_blocks_and_inline_code()
    {
        var commands = DocumentSet.All.SelectMany(path => DocumentedCommand.Find(path, DocumentSet.Read(path))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(command => command.Text), Has.Some.EqualTo("./build.sh Test ImageTest"), "README's fenced command");
            Assert.That(commands.Select(command => command.Text), Has.Some.EqualTo("./build.sh Test --plan"), "README's inline command");
            Assert.That(commands, Has.Count.GreaterThan(100));
        });
    }

    [TestCaseSource(nameof(Documents))]
    public void A_documented_command_names_existing_targets_and_options(string path)
    {
        var problems = Check(path, DocumentSet.Read(path));

        Assert.That(problems, Is.Empty,
            $"{path} shows commands the build does not accept (./build.sh --help lists what it does). Fix the document; " +
            "for an exercise that adds names, declare them on a line of their own: <!-- docs-check adds: Name --option -->.");
    }

    [Test]
    public void A_misspelled_target_or_option_is_reported_with_where_it_is()
    {
        const string markdown = """
            Build with `./build.sh DockerBuidl`.

            ```bash
            ./build.sh Push --platfrom linux/arm64 --skip Tset   # three mistakes
            ./build.sh docker-build --image-name x | tee log     # fine: dash- and case-insensitive
            ```

            Fine: `Run './build.sh --help' to list them.`, `Run ./build.sh Push first …`, `./build.sh <its targets>`.
            """;

        var problems = Check("sample.md", markdown);

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "sample.md:1: unknown target DockerBuidl in `./build.sh DockerBuidl`",
            "sample.md:4: unknown option --platfrom in `./build.sh Push --platfrom linux/arm64 --skip Tset`",
            "sample.md:4: unknown target Tset in `./build.sh Push --platfrom linux/arm64 --skip Tset`",
        }));
    }

    [Test]
    public void A_declared_exercise_name_is_accepted_from_its_declaration_on()
    {
        const string markdown = """
            `./build.sh Hello` before the declaration.
            <!-- docs-check adds: Hello --name -->
            `./build.sh Hello --name team`
            """;

        Assert.That(Check("sample.md", markdown), Is.EqualTo(new[] { "sample.md:1: unknown target Hello in `./build.sh Hello`" }));
    }

    public static IEnumerable<string> Documents => DocumentSet.All;

    private List<string> Check(string path, string markdown)
    {
        var declarations = Declaration().Matches(markdown).Select(match => (Line: LineAt(markdown, match.Index), Names: match.Groups["names"].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        bool Declared(string name, int line) => declarations.Any(declaration => declaration.Line <= line && declaration.Names.Contains(name));

        var problems = new List<string>();
        foreach (var command in DocumentedCommand.Find(path, markdown))
        {
            // A lower-case word that is no target is prose resuming after a quoted command ("Run ./build.sh Push first"):
            // the docs write targets as the build names them, so a misspelled one is still caught.
            var targets = command.Targets.TakeWhile(target => help.Targets.Contains(BuildHelp.NormalizeTarget(target)) || !target.All(char.IsLower));
            problems.AddRange(targets
                .Where(target => !help.Targets.Contains(BuildHelp.NormalizeTarget(target)) && !Declared(target, command.Line))
                .Select(target => $"{path}:{command.Line}: unknown target {target} in `{command.Text}`"));
            problems.AddRange(command.Options
                .Where(option => !help.Options.Contains(option) && !Declared(option, command.Line))
                .Select(option => $"{path}:{command.Line}: unknown option {option} in `{command.Text}`"));
        }

        return [.. problems.Distinct()];
    }

    private static int LineAt(string text, int index) => text[..index].Count(character => character == '\n') + 1;

    [GeneratedRegex(@"^<!--\s*docs-check adds:(?<names>[^>]*?)-->\s*$", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}

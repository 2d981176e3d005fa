using System.Globalization;
using System.Text.RegularExpressions;

namespace BuildEngine.Tests;

public sealed partial class PlanPageTests : BuildFixture
{
    private const string PagePath = ".nuke/temp/execution-plan.html";

    [Test]
    public async Task Plan_writes_the_page_and_runs_no_target()
    {
        var build = new LinearBuild();

        var result = await RunAsync(build, "Compile", "--plan");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(build.Executed, Is.Empty);
        Assert.That(Repository.FileExists(PagePath), Is.True);
    }

    [Test]
    public async Task The_graph_draws_the_planned_targets_and_lists_the_others_apart()
    {
        await RunAsync(new LinearBuild(), "Compile", "--plan");

        var page = Repository.ReadFile(PagePath);
        Assert.That(PlannedBoxes(page).Keys, Is.EquivalentTo(["Restore", "Compile"]));
        Assert.That(page, Does.Contain("<h2>Not in this plan: 1 other target</h2>"));
        Assert.That(page, Does.Contain("<li class=\"target other\" data-target=\"Test\""), "Test is listed, dimmed, after the plan");
        Assert.That(page, Does.Contain("<g class=\"node\" data-target=\"Test\""), "and drawn in the folded whole-build graph");
    }

    [Test]
    public async Task Targets_are_drawn_in_execution_order_whatever_relation_orders_them()
    {
        // Logout is declared first and triggered by Push and Sign: it runs last, so it is drawn last.
        await RunAsync(new ShippingBuild(), "Push", "Sign", "Clean", "--plan");

        var x = PlannedBoxes(Repository.ReadFile(PagePath));
        Assert.That(x.Keys, Is.EquivalentTo(["Clean", "Compile", "Push", "Sign", "Logout"]), "Docs is not planned");
        Assert.That(x["Clean"], Is.LessThan(x["Compile"]), "Clean.Before(Compile)");
        Assert.That(x["Compile"], Is.LessThan(x["Push"]), "Push.DependsOn(Compile)");
        Assert.That(x["Push"], Is.LessThan(x["Sign"]), "Sign.After(Push)");
        Assert.That(x["Sign"], Is.LessThan(x["Logout"]), "Logout.TriggeredBy(Push, Sign)");
    }

    [Test]
    public async Task Edges_show_their_relation_and_every_arrow_of_the_plan_points_right()
    {
        await RunAsync(new ShippingBuild(), "Push", "Sign", "Clean", "--plan");

        var page = Repository.ReadFile(PagePath);
        var edges = PlanEdges(page);
        Assert.That(edges.Select(edge => $"{edge.From} -> {edge.To} ({edge.Kind})"), Is.EquivalentTo(new[]
        {
            "Clean -> Compile (ordered-after)", "Compile -> Push (depends-on)", "Push -> Sign (ordered-after)",
            "Push -> Logout (triggers)", "Sign -> Logout (triggers)",
        }));
        Assert.That(edges, Has.All.Matches<(string From, string Kind, string To, double StartX, double EndX)>(edge => edge.StartX < edge.EndX));
        Assert.That(page, Does.Contain("class=\"edge ordered-after\"").And.Contain("stroke-dasharray=\"7 5\""), "ordering is dashed");
        Assert.That(page, Does.Match("<span class=\"depends-on\">.*<span class=\"ordered-after\">.*<span class=\"triggers\">"), "the legend names all three");
    }

    [Test]
    public async Task The_page_is_self_contained()
    {
        await RunAsync(new LinearBuild(), "Compile", "--plan");

        var page = Repository.ReadFile(PagePath);
        Assert.That(page, Does.Not.Match(@"<(script|link|img|iframe)\b"));
        Assert.That(page, Does.Not.Match(@"(src|href)\s*=\s*[""']?https?://"));
        Assert.That(page, Does.Not.Contain("@import"));
    }

    private static Dictionary<string, double> PlannedBoxes(string page) =>
        PlannedBox().Matches(page).ToDictionary(match => match.Groups["name"].Value, match => double.Parse(match.Groups["x"].Value, CultureInfo.InvariantCulture));

    private static List<(string From, string Kind, string To, double StartX, double EndX)> PlanEdges(string page)
    {
        var planGraph = page[..page.IndexOf("<h2>Execution order", StringComparison.Ordinal)];
        return [.. Edge().Matches(planGraph).Select(match => (
            match.Groups["from"].Value, match.Groups["kind"].Value, match.Groups["to"].Value,
            double.Parse(match.Groups["x1"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["x2"].Value, CultureInfo.InvariantCulture)))];
    }

    [GeneratedRegex(@"<g class=""target planned[^""]*"" data-target=""(?<name>\w+)""><title>[^<]*</title><rect x=""(?<x>[\d.]+)""")]
    private static partial Regex PlannedBox();

    [GeneratedRegex(@"<path class=""edge (?<kind>[\w-]+)"" data-from=""(?<from>\w+)"" data-to=""(?<to>\w+)"" d=""M (?<x1>[\d.]+) [^""]* (?<x2>[\d.]+) [\d.]+""")]
    private static partial Regex Edge();
}

/// <summary>A delivery-shaped build: Logout is declared first but runs last (triggered by Push and Sign).</summary>
internal sealed class ShippingBuild : TestBuild
{
    public Target Logout => _ => _.TriggeredBy(Push, Sign).Executes(Record());

    public Target Docs => _ => _.Executes(Record());

    public Target Clean => _ => _.Before(Compile).Executes(Record());

    public Target Compile => _ => _.Executes(Record());

    public Target Push => _ => _.DependsOn(Compile).Executes(Record());

    public Target Sign => _ => _.After(Push).Executes(Record());
}

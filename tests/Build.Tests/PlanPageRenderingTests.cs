using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Build.Tests;

/// <summary>
/// The real build's --plan page as a user sees it: rendered by Chromium in a 1400x900 window, every planned target's
/// box must be inside the first viewport (no scrolling), in execution order from left to right. Needs Debian's chromium,
/// which the offline lab installs (scripts/ci/install-apt-packages.sh) and a GitHub test job does not: OfflineLab.
/// </summary>
[Category("OfflineLab")]
public sealed partial class PlanPageRenderingTests
{
    private const int Width = 1400;
    private const int Height = 900;

    private static readonly string[] Planned = ["DockerBuild", "Restore", "Push", "Sign", "Sbom", "RegistryLogout"];

    // Runs in the page copy only (the page itself has no script): measures the planned boxes where the window shows them.
    private const string Measure = """
        <script>
        (() => {
          const boxes = [...document.querySelectorAll('g.target.planned')].map(g => {
            const r = g.getBoundingClientRect();
            return { name: g.dataset.target, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          });
          const out = document.createElement('pre');
          out.id = 'measurements';
          out.textContent = JSON.stringify({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight, boxes });
          document.body.appendChild(out);
        })();
        </script>
        """;

    [Test]
    public async Task Push_Sign_Sbom_plan_shows_every_planned_target_in_the_first_1400x900_viewport()
    {
        var page = await WritePlanPage("Push", "Sign", "Sbom");
        var screenshot = Path.Combine(Repository.Root, "artifacts", "test-results", "plan-page", $"execution-plan-{Width}x{Height}.png");
        await HeadlessChromium.ScreenshotAsync(page, Width, Height, screenshot);
        TestContext.AddTestAttachment(screenshot, "the --plan page at 1400x900");

        var measured = await MeasureAsync(page);

        // A 1400x900 window: the page is laid out 1400 wide (less a scrollbar), and headless Chromium keeps room for a
        // browser's own bars as a real window does (757 high here), so the boxes must fit in at most 900.
        Assert.That(measured.Width, Is.InRange(Width - 20, Width), "the page is laid out 1400 wide (less a scrollbar)");
        Assert.That(measured.Height, Is.InRange(600, Height), "the first viewport is at most 900 high");
        Assert.That(measured.Boxes.Select(box => box.Name), Is.EquivalentTo(Planned), "the planned targets are drawn, once each");
        using (Assert.EnterMultipleScope())
        {
            foreach (var box in measured.Boxes)
            {
                Assert.That(box.Left >= 0 && box.Top >= 0 && box.Right <= measured.Width && box.Bottom <= measured.Height, Is.True,
                    $"{box.Name} at ({box.Left:0},{box.Top:0})-({box.Right:0},{box.Bottom:0}) is outside the {measured.Width}x{measured.Height} viewport; screenshot: {screenshot}");
            }
        }

        var left = measured.Boxes.ToDictionary(box => box.Name, box => box.Left);
        Assert.That(left["DockerBuild"], Is.LessThan(left["Push"]));
        Assert.That(left["Push"], Is.LessThan(left["Sign"]), "Sign is ordered after Push");
        Assert.That(left["Sign"], Is.LessThan(left["Sbom"]), "Sbom is ordered after Sign");
        Assert.That(left["Sbom"], Is.LessThan(left["RegistryLogout"]), "RegistryLogout, triggered by them, runs last and is drawn last");
    }

    private static async Task<string> WritePlanPage(params string[] targets)
    {
        var result = await Repository.BuildScript([.. targets, "--plan", "--no-logo"]);
        Assert.That(result.ExitCode, Is.Zero, result.StandardOutput + result.StandardError);
        var written = WrittenTo().Match(result.StandardOutput);
        Assert.That(written.Success, Is.True, $"no 'Execution plan written to' line in:\n{result.StandardOutput}");
        return written.Groups["path"].Value.Trim();
    }

    private static async Task<Measurements> MeasureAsync(string page)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("plan-page-").FullName, "execution-plan.html");
        var html = await File.ReadAllTextAsync(page);
        Assert.That(html, Does.Contain("</body>"));
        await File.WriteAllTextAsync(copy, html.Replace("</body>", Measure + "</body>", StringComparison.Ordinal));
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(copy, Width, Height);
            var json = MeasurementsElement().Match(dom);
            Assert.That(json.Success, Is.True, $"the measuring script wrote nothing; the DOM was:\n{dom}");
            return JsonSerializer.Deserialize<Measurements>(WebUtility.HtmlDecode(json.Groups["json"].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    private sealed record Measurements(double Width, double Height, Box[] Boxes);

    private sealed record Box(string Name, double Left, double Top, double Right, double Bottom);

    [GeneratedRegex(@"Execution plan written to (?<path>\S+\.html)")]
    private static partial Regex WrittenTo();

    [GeneratedRegex(@"<pre id=""measurements"">(?<json>.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex MeasurementsElement();
}

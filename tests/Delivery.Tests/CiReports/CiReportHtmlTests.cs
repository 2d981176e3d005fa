using System.Text.RegularExpressions;
using System.Xml.Linq;
using Delivery.CiReports;

namespace Delivery.Tests.CiReports;

/// <summary>artifacts/ci-report.html: self-contained, one bar per run, well-formed charts, and API text escaped.</summary>
public sealed partial class CiReportHtmlTests
{
    private static readonly CiReport Report = CiReportSample.Create();
    private static readonly string Html = CiReportHtml.Render(Report);

    [Test]
    public void Has_one_bar_per_run_coloured_by_its_conclusion()
    {
        var bars = RunBar().Matches(Html).Select(match => match.Groups["class"].Value).ToList();

        Assert.That(bars, Has.Count.EqualTo(12));
        Assert.That(bars.Count(conclusion => conclusion == "failure"), Is.EqualTo(2));
        Assert.That(bars.Count(conclusion => conclusion == "cancelled"), Is.EqualTo(1));
        Assert.That(bars.Count(conclusion => conclusion == "success"), Is.EqualTo(9));
    }

    [Test]
    public void Has_a_median_and_a_p90_bar_per_job()
    {
        Assert.That(Regex.Count(Html, "class=\"median-bar\""), Is.EqualTo(4));
        Assert.That(Regex.Count(Html, "class=\"p90-bar\""), Is.EqualTo(4));
    }

    [Test]
    public void Escapes_a_script_in_a_branch_name()
    {
        Assert.That(Html, Does.Not.Contain("<script"));
        Assert.That(Html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    [Test]
    public void Loads_nothing_from_elsewhere()
    {
        Assert.That(Html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain(" src=").And.Not.Contain("@import").And.Not.Contain("url("));
        Assert.That(Html, Does.Contain("Content-Security-Policy"));
    }

    [Test]
    public void Its_charts_are_well_formed_svg()
    {
        var charts = Svg().Matches(Html).Select(match => XElement.Parse(match.Value)).ToList();

        Assert.That(charts, Has.Count.EqualTo(2));
        Assert.That(charts[0].Descendants().Count(element => element.Name.LocalName == "rect"), Is.EqualTo(12));
    }

    [Test]
    public void Its_elements_are_balanced()
    {
        foreach (var tag in new[] { "html", "head", "body", "main", "table", "tr", "td", "svg", "a", "div", "g" })
        {
            Assert.That(Regex.Count(Html, $"<{tag}[ >]"), Is.EqualTo(Regex.Count(Html, $"</{tag}>")), tag);
        }

        Assert.That(Html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(Html.TrimEnd(), Does.EndWith("</html>"));
    }

    [TestCase("javascript:alert(1)", "#")]
    [TestCase("https://github.com/acme/gateway/actions/runs/1?a=1&b=\"2\"", "https://github.com/acme/gateway/actions/runs/1?a=1&amp;b=%222%22")]
    public void Links_only_to_the_web(string url, string expected) => Assert.That(HtmlText.Url(url), Is.EqualTo(expected));

    [GeneratedRegex("<rect class=\"run-bar (?<class>[a-z]+)\"")]
    private static partial Regex RunBar();

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();
}

using System.Text.Json;
using Delivery.Reproducibility;

namespace Delivery.Tests.Reproducibility;

/// <summary>artifacts/reproducibility.json: the exact shape CI and people read, written in one step and read back whole.</summary>
public sealed class ReproducibilityReportTests : ArchiveFixture
{
    private static readonly ReproducibilityReport Sample = new("0123456789abcdef0123456789abcdef01234567",
    [
        new ImageDifference(Amd64, "sha256:aaa", "sha256:aaa", []),
        new ImageDifference(Arm64, "sha256:bbb", "sha256:ccc", ["/app/Gateway.dll: content differs (sha256 ab12… vs cd34…)"]),
    ]);

    [Test]
    public void Writes_exactly_the_documented_field_names()
    {
        using var json = JsonDocument.Parse(Sample.ToJson());
        var root = json.RootElement;
        var platform = root.GetProperty("platforms")[1];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { "commit", "platforms" }));
            Assert.That(platform.EnumerateObject().Select(property => property.Name),
                Is.EqualTo(new[] { "platform", "first", "second", "identical", "differences" }));
            Assert.That(platform.GetProperty("platform").GetString(), Is.EqualTo("linux/arm64"));
            Assert.That(platform.GetProperty("identical").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("platforms")[0].GetProperty("identical").GetBoolean(), Is.True);
            Assert.That(platform.GetProperty("differences")[0].GetString(), Is.EqualTo("/app/Gateway.dll: content differs (sha256 ab12… vs cd34…)"));
        }
    }

    [Test]
    public void Round_trips_through_its_file_written_in_one_step()
    {
        var path = Path.Combine(Folder, "artifacts", "reproducibility.json");

        Sample.Write(path);
        var read = ReproducibilityReport.Read(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.Commit, Is.EqualTo(Sample.Commit));
            Assert.That(read.Platforms.Select(platform => (platform.Platform, platform.FirstDigest, platform.SecondDigest, platform.Identical)),
                Is.EqualTo(Sample.Platforms.Select(platform => (platform.Platform, platform.FirstDigest, platform.SecondDigest, platform.Identical))));
            Assert.That(read.Platforms[1].Differences, Is.EqualTo(Sample.Platforms[1].Differences));
            Assert.That(read.ToJson(), Is.EqualTo(Sample.ToJson()));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");
        }
    }

    [Test]
    public void All_identical_needs_every_platform_identical_and_at_least_one()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Sample.AllIdentical, Is.False);
            Assert.That((Sample with { Platforms = [Sample.Platforms[0]] }).AllIdentical, Is.True);
            Assert.That((Sample with { Platforms = [] }).AllIdentical, Is.False);
        }
    }

    [Test]
    public void A_comparison_goes_into_the_report_as_it_is()
    {
        var second = Gateway();
        second.Layers[1].File("app/Gateway.dll", "gateway v2");
        var report = new ReproducibilityReport("abc", [Compare(Gateway(), second)]);
        var path = Path.Combine(Folder, "reproducibility.json");

        report.Write(path);

        Assert.That(ReproducibilityReport.Read(path).Platforms.Single().Differences, Is.EqualTo(report.Platforms.Single().Differences));
    }
}

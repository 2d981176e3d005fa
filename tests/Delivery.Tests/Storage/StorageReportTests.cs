using System.Text.Json;
using Delivery.Storage;

namespace Delivery.Tests.Storage;

public sealed class StorageReportTests
{
    [Test]
    public void An_index_weighs_its_platform_manifests_and_the_total_counts_each_blob_once()
    {
        var package = new TestPackage();
        var release = package.MultiArch(400, "1.2.3", "latest");
        package.Image(5, "pr-42");
        var single = TestPackage.ManifestSize + TestPackage.ConfigSize + TestPackage.BaseLayerSize + TestPackage.OwnLayerSize;

        var report = StorageReport.Create(new PackageCoordinates("acme", "gateway"), package.Versions, package.Graph, "main", TestPackage.Now);

        Assert.Multiple(() =>
        {
            Assert.That(report.Versions.Single(row => row.Digest == release).Bytes, Is.EqualTo(TestPackage.ManifestSize + 2 * single - TestPackage.BaseLayerSize));
            Assert.That(report.UniqueBytes, Is.EqualTo(TestPackage.ManifestSize + 3 * single - 2 * TestPackage.BaseLayerSize));
            Assert.That(report.Groups.Select(group => (group.Name, group.Versions)), Is.EqualTo(new[]
            {
                (StorageGroup.StableReleases, 1), (StorageGroup.PullRequests, 1), (StorageGroup.PlatformManifests, 2),
            }));
        });
    }

    [Test]
    public void The_report_renders_as_Markdown_and_JSON()
    {
        var package = new TestPackage();
        package.MultiArch(1, "main", "1.2.4-3");

        var report = StorageReport.Create(new PackageCoordinates("acme", "gateway"), package.Versions, package.Graph, "main", TestPackage.Now);
        using var json = JsonDocument.Parse(report.ToJson());

        Assert.Multiple(() =>
        {
            Assert.That(report.ToMarkdown(), Does.Contain("### Storage of acme/gateway").And.Contain("| Default branch | 1 |").And.Contain("`main`, `1.2.4-3`"));
            Assert.That(json.RootElement.GetProperty("uniqueBytes").GetInt64(), Is.EqualTo(report.UniqueBytes));
            Assert.That(json.RootElement.GetProperty("versions").GetArrayLength(), Is.EqualTo(3));
        });
    }
}

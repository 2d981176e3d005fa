using System.Text.Json;
using Delivery.Storage;
using Tooling;

namespace Delivery.Tests.Storage;

/// <summary>
/// GitHub lists a version whose manifest the registry does not return: the graph cannot know what it refers to, so
/// the planner refuses outright (fail closed) and the report says how many are missing.
/// </summary>
public sealed class MissingManifestsTests
{
    [Test]
    public void A_kept_index_without_its_manifest_makes_the_plan_refuse_instead_of_deleting_its_platform_manifests()
    {
        var package = new TestPackage();
        var release = package.MultiArch(400, "1.2.3");
        package.LoseManifest(release);

        var failure = Assert.Throws<BuildFailedException>(() => package.Plan());

        Assert.That(failure!.Message, Does.StartWith("Cleanup deletes nothing: 1 of the 3 versions GitHub lists have no manifest in ghcr.io/acme/gateway")
            .And.Contain($"for example {release}")
            .And.Contain("--package-name or --image-name do not match")
            .And.Contain("the registry does not serve"));
    }

    [Test]
    public void Every_manifest_missing_as_with_a_mismatched_package_name_is_counted_and_names_the_oldest()
    {
        var package = new TestPackage();
        var oldest = package.Image(30, "pr-1");
        package.Image(1, "pr-2");
        foreach (var version in package.Versions)
        {
            package.LoseManifest(version.Digest);
        }

        var failure = Assert.Throws<BuildFailedException>(() => package.Plan());

        Assert.That(failure!.Message, Does.Contain($"2 of the 2 versions GitHub lists have no manifest in ghcr.io/acme/gateway (for example {oldest})"));
    }

    [Test]
    public void The_storage_report_still_reports_and_says_how_many_manifests_are_missing()
    {
        var package = new TestPackage();
        var release = package.MultiArch(400, "1.2.3");
        package.Image(5, "pr-42");
        package.LoseManifest(release);

        var report = StorageReport.Create(new PackageCoordinates("acme", "gateway"), package.Versions, package.Graph, "main", TestPackage.Now);
        using var json = JsonDocument.Parse(report.ToJson());

        Assert.Multiple(() =>
        {
            Assert.That(report.Versions, Has.Count.EqualTo(4));
            Assert.That(report.ToMarkdown(), Does.Contain("**Manifests missing: 1.** 1 of the 4 versions GitHub lists have no manifest in ghcr.io/acme/gateway")
                .And.Contain("Cleanup deletes nothing"));
            Assert.That(json.RootElement.GetProperty("manifestsMissing").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void With_every_manifest_read_the_report_mentions_nothing_missing()
    {
        var package = new TestPackage();
        package.MultiArch(1, "main");

        var report = StorageReport.Create(new PackageCoordinates("acme", "gateway"), package.Versions, package.Graph, "main", TestPackage.Now);

        Assert.Multiple(() =>
        {
            Assert.That(report.ManifestsMissing, Is.Zero);
            Assert.That(report.ToMarkdown(), Does.Not.Contain("missing"));
        });
    }
}

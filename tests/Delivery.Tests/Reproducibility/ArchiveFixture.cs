using Delivery.MultiArch;
using Delivery.Reproducibility;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// What the reproducibility tests start from: a temporary folder for archives, and a small gateway image (a base
/// layer and an app layer) that each build gets a fresh copy of to change.
/// </summary>
public abstract class ArchiveFixture
{
    private protected static readonly TargetPlatform Amd64 = new("linux", "amd64");
    private protected static readonly TargetPlatform Arm64 = new("linux", "arm64");

    private string directory = null!;
    private int archives;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("oci-archive-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    private protected string Folder => directory;

    private protected static TestImage Gateway(TargetPlatform? platform = null)
    {
        var image = new TestImage(platform ?? Amd64);
        image.Labels["org.opencontainers.image.version"] = "1.0";
        image.Layers.Add(new TestLayer().Directory("etc").File("etc/os-release", "ID=debian\n"));
        image.Layers.Add(new TestLayer().Directory("app").File("app/Gateway.dll", "gateway v1").File("app/appsettings.json", "{}"));
        return image;
    }

    /// <summary>Writes an archive of the images to a new file in the folder and returns its path.</summary>
    private protected string Write(IEnumerable<TestImage> images, bool nested = false, bool attestations = false)
    {
        var path = Path.Combine(directory, $"build-{++archives}.tar");
        TestOciLayout.Write(path, images, nested, attestations);
        return path;
    }

    private protected OciArchive Open(params TestImage[] images) => OciArchive.Open(Write(images));

    /// <summary>The two builds compared as CI compares them: buildx's nesting and attestations included.</summary>
    private protected ImageDifference Compare(TestImage first, TestImage second, int maxDifferences = ImageComparison.DefaultMaxDifferences) =>
        ImageComparison.Compare(OciArchive.Open(Write([first], nested: true, attestations: true)),
            OciArchive.Open(Write([second], nested: true, attestations: true)), first.Platform, maxDifferences);

    private protected static string ShortSha256(string content) =>
        TestOciLayout.Sha256(System.Text.Encoding.UTF8.GetBytes(content))["sha256:".Length..][..12] + "…";
}

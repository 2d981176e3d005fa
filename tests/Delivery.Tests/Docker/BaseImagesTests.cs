using Delivery.Docker;
using Delivery.Labels;

namespace Delivery.Tests.Docker;

/// <summary>Base images pinned by digest, and the labels that become the Dockerfile's build arguments (reproducible images).</summary>
public sealed class BaseImagesTests
{
    private const string Digest = "sha256:66b21dcf3c96122dda4d045a4760177985fb14601f56586e4aaa2b7260c29b19";

    [Test]
    public void A_pinned_runtime_base_becomes_the_build_arguments_and_the_base_labels_parts()
    {
        var bases = new BaseImages("mcr.microsoft.com/dotnet/sdk:10.0@sha256:" + new string('a', 64), BaseImages.Pin("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", Digest));

        var arguments = bases.Apply(new Dictionary<string, string> { ["APP_NAME"] = "Gateway", ["RUNTIME_IMAGE"] = "old" });

        Assert.That(arguments, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["APP_NAME"] = "Gateway",
            ["SDK_IMAGE"] = "mcr.microsoft.com/dotnet/sdk:10.0@sha256:" + new string('a', 64),
            ["RUNTIME_IMAGE"] = $"mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@{Digest}",
            ["BASE_NAME"] = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled",
            ["BASE_DIGEST"] = Digest,
        }));
    }

    [Test]
    public void A_base_without_digest_has_no_digest_argument_and_a_pinned_one_keeps_its_own()
    {
        var arguments = new BaseImages("sdk:local", "aspnet:local").Apply(new Dictionary<string, string>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(arguments, Does.Not.ContainKey("BASE_DIGEST"));
            Assert.That(arguments["BASE_NAME"], Is.EqualTo("aspnet:local"));
            Assert.That(BaseImages.Pin($"aspnet:10@{Digest}", "sha256:" + new string('b', 64)), Is.EqualTo($"aspnet:10@{Digest}"));
            Assert.That(BaseImages.DigestOf("aspnet:10"), Is.Null);
        }
    }

    [Test]
    public void Labels_map_to_build_arguments_except_the_base_image_labels_the_Dockerfile_sets_itself()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(OciLabels.BuildArgument("org.opencontainers.image.revision"), Is.EqualTo("REVISION"));
            Assert.That(OciLabels.BuildArgument("org.opencontainers.image.base.name"), Is.Null);
            Assert.That(OciLabels.BuildArgument("org.opencontainers.image.base.digest"), Is.Null);
            Assert.That(OciLabels.BuildArgument("dev.gateway.other"), Is.Null);
        }
    }

    [Test]
    public void SOURCE_DATE_EPOCH_is_the_created_label_or_nothing()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(OciLabels.SourceDateEpoch(new Dictionary<string, string> { ["org.opencontainers.image.created"] = "1970-01-01T00:01:40Z" }), Is.EqualTo(100));
            Assert.That(OciLabels.SourceDateEpoch(new Dictionary<string, string> { ["org.opencontainers.image.created"] = "yesterday" }), Is.Null);
            Assert.That(OciLabels.SourceDateEpoch(new Dictionary<string, string>()), Is.Null);
        }
    }
}

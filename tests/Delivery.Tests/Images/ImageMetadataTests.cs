using System.Text.Json;
using Delivery.Events;
using Delivery.Labels;
using Delivery.Versioning;

namespace Delivery.Tests.Images;

/// <summary>Image references, OCI labels and the image-metadata.json document.</summary>
public sealed class ImageMetadataTests
{
    private static readonly DateTimeOffset CommitTime = new(2026, 11, 28, 1, 2, 3, TimeSpan.FromHours(2));

    private static readonly ImageMetadataRequest Request = new(null, null, new ImageDescription("Gateway", "API gateway", "MIT"));

    private static BuildVersion Version(string semVer) => new(semVer, semVer + "+Sha.860c190", "1.2.3.0", "1.2.3.0", "test");

    [Test]
    public void A_release_of_an_upper_case_repository_goes_to_ghcr_in_lower_case()
    {
        var metadata = ImageMetadataFactory.Create(Events.Tag("v1.2.3", "Acme/Gateway"), Version("1.2.3"), CommitTime, Request);

        Assert.That(metadata.Images, Is.EqualTo(new[]
        {
            "ghcr.io/acme/gateway:1.2.3", "ghcr.io/acme/gateway:1.2", "ghcr.io/acme/gateway:1",
            "ghcr.io/acme/gateway:sha-860c190", "ghcr.io/acme/gateway:latest",
        }));
    }

    [Test]
    public void Parameters_override_registry_and_name_and_without_a_repository_the_name_is_gateway()
    {
        var local = Events.Push("main") with { Repository = null };

        Assert.Multiple(() =>
        {
            Assert.That(ImageMetadataFactory.Create(local, Version("1.0.1-2"), CommitTime, Request).Images[0], Is.EqualTo("ghcr.io/gateway:main"));
            Assert.That(ImageMetadataFactory.Create(local, Version("1.0.1-2"), CommitTime, Request with { Registry = "localhost:5000", ImageName = "Team/Api" })
                .Images[0], Is.EqualTo("localhost:5000/team/api:main"));
        });
    }

    [Test]
    public void Labels_describe_the_commit_reproducibly()
    {
        var labels = ImageMetadataFactory.Create(Events.Tag("v1.2.3"), Version("1.2.3"), CommitTime, Request).Labels;

        Assert.That(labels, Is.EqualTo(new Dictionary<string, string>
        {
            ["org.opencontainers.image.created"] = "2026-11-27T23:02:03Z",
            ["org.opencontainers.image.description"] = "API gateway",
            ["org.opencontainers.image.licenses"] = "MIT",
            ["org.opencontainers.image.revision"] = Events.Sha,
            ["org.opencontainers.image.source"] = "https://github.com/Acme/Gateway",
            ["org.opencontainers.image.title"] = "Gateway",
            ["org.opencontainers.image.url"] = "https://github.com/Acme/Gateway",
            ["org.opencontainers.image.version"] = "1.2.3",
        }));
    }

    [Test]
    public void The_json_document_has_version_tags_images_and_labels()
    {
        var metadata = ImageMetadataFactory.Create(Events.PullRequest(42), Version("1.2.4-PullRequest42.1"), CommitTime, Request);

        using var json = JsonDocument.Parse(metadata.ToJson());
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { "version", "tags", "images", "labels" }));
            Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("1.2.4-PullRequest42.1"));
            Assert.That(root.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()), Is.EqualTo(new[] { "pr-42", "sha-fedcba9" }));
            Assert.That(root.GetProperty("images")[0].GetString(), Is.EqualTo("ghcr.io/acme/gateway:pr-42"));
            Assert.That(root.GetProperty("labels").GetProperty("org.opencontainers.image.revision").GetString(), Is.EqualTo(Events.HeadSha));
        });
    }
}

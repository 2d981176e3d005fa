using Delivery.MultiArch;
using Delivery.Reproducibility;
using Tooling;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// Which manifest an OCI archive's digest is read from: the platform's image, found through buildx's nested index,
/// never an attestation; a lone image that names no platform; and clear refusals where there is nothing to compare.
/// </summary>
public sealed class OciArchiveTests : ArchiveFixture
{
    [Test]
    public void Picks_each_platforms_manifest_through_a_nested_index_and_skips_attestations()
    {
        var path = Path.Combine(Folder, "multi.tar");
        var written = TestOciLayout.Write(path, [Gateway(Amd64), Gateway(Arm64)], nested: true, attestations: true);

        var archive = OciArchive.Open(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(archive.Platforms, Is.EqualTo(new[] { Amd64, Arm64 }), "no unknown/unknown platform from the attestations");
            Assert.That(archive.ManifestDigest(Amd64), Is.EqualTo(written[Amd64]));
            Assert.That(archive.ManifestDigest(Arm64), Is.EqualTo(written[Arm64]));
            Assert.That(written[Amd64], Is.Not.EqualTo(written[Arm64]), "the platforms' configs differ, so do their manifests");
            Assert.That(archive.Image(Arm64).Layers, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public void A_platform_the_archive_lacks_fails_naming_the_platforms_it_holds()
    {
        var archive = OciArchive.Open(Write([Gateway(Amd64), Gateway(Arm64)], nested: true, attestations: true));

        Assert.That(() => archive.ManifestDigest(TargetPlatform.Parse("linux/s390x")),
            Throws.InstanceOf<BuildFailedException>().With.Message.Contains("no image for linux/s390x; it holds linux/amd64, linux/arm64."));
    }

    [Test]
    public void An_index_entry_without_a_platform_takes_its_configs()
    {
        var image = Gateway(Arm64);
        image.PlatformInIndex = false;
        var archive = Open(image);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(archive.Platforms, Is.EqualTo(new[] { Arm64 }));
            Assert.That(archive.ManifestDigest(Arm64), Does.StartWith("sha256:"));
            Assert.That(() => archive.ManifestDigest(Amd64), Throws.InstanceOf<BuildFailedException>().With.Message.Contains("it holds linux/arm64"));
        }
    }

    [Test]
    public void A_lone_image_that_names_no_platform_stands_for_any()
    {
        var image = Gateway();
        image.PlatformInIndex = false;
        image.PlatformInConfig = false;
        var archive = Open(image);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(archive.Platforms, Is.Empty);
            Assert.That(archive.ManifestDigest(Arm64), Is.EqualTo(archive.ManifestDigest(Amd64)));
        }
    }

    [Test]
    public void Arm64_with_variant_v8_is_arm64()
    {
        var archive = Open(Gateway(new TargetPlatform("linux", "arm64", "v8")));

        Assert.That(archive.ManifestDigest(Arm64), Does.StartWith("sha256:"));
    }

    [Test]
    public void A_zstd_layer_is_refused_by_its_media_type()
    {
        var image = Gateway();
        image.Layers[1].MediaType = TestLayer.Zstd;
        var archive = Open(image);

        Assert.That(() => ImageFileTree.Read(archive, archive.Image(Amd64)),
            Throws.InstanceOf<BuildFailedException>().With.Message.Contains(TestLayer.Zstd).And.Message.Contains("compression=gzip"));
    }

    [Test]
    public void A_tar_without_index_json_is_no_oci_layout()
    {
        var path = Path.Combine(Folder, "plain.tar");
        using (var stream = File.Create(path))
        using (var writer = new System.Formats.Tar.TarWriter(stream))
        {
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "manifest.json")
            {
                DataStream = new MemoryStream("[]"u8.ToArray()),
            });
        }

        Assert.That(() => OciArchive.Open(path), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no index.json"));
    }

    [Test]
    public void Blobs_are_read_in_place()
    {
        var archive = Open(Gateway());
        var config = archive.Image(Amd64).ConfigDescriptor;

        using var blob = archive.OpenBlob(config.Digest);
        var bytes = new byte[blob.Length];
        blob.ReadExactly(bytes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(blob.Length, Is.EqualTo(config.Size));
            Assert.That(TestOciLayout.Sha256(bytes), Is.EqualTo(config.Digest));
        }
    }
}

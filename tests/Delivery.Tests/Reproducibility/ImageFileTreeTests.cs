using Delivery.Reproducibility;

namespace Delivery.Tests.Reproducibility;

/// <summary>The filesystem an image's layers add up to: overwrites, whiteouts, opaque directories, links, and what is recorded per path.</summary>
public sealed class ImageFileTreeTests : ArchiveFixture
{
    [Test]
    public void Records_each_paths_type_mode_owner_size_hash_and_mtime()
    {
        var image = Gateway();
        image.Layers[1].File("app/run.sh", "#!/bin/sh\n", TestLayer.ExecutableMode, TestLayer.Epoch.AddHours(1), uid: 1654, gid: 1654)
            .Symlink("app/current", "/app");

        var files = Tree(image).Files;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(files.Keys, Is.EquivalentTo(new[]
            {
                "/etc", "/etc/os-release", "/app", "/app/Gateway.dll", "/app/appsettings.json", "/app/run.sh", "/app/current",
            }));
            var script = files["/app/run.sh"];
            Assert.That(script.Type, Is.EqualTo(ImageFileType.File));
            Assert.That(script.Mode, Is.EqualTo(TestLayer.ExecutableMode));
            Assert.That((script.Uid, script.Gid), Is.EqualTo((1654, 1654)));
            Assert.That(script.Size, Is.EqualTo(10));
            Assert.That($"sha256:{script.Sha256}", Is.EqualTo(TestOciLayout.Sha256("#!/bin/sh\n"u8.ToArray())));
            Assert.That(script.ModificationTime, Is.EqualTo(TestLayer.Epoch.AddHours(1)));
            Assert.That(files["/app/current"], Has.Property(nameof(ImageFile.Type)).EqualTo(ImageFileType.SymbolicLink)
                .And.Property(nameof(ImageFile.LinkTarget)).EqualTo("/app")
                .And.Property(nameof(ImageFile.Sha256)).Null);
            Assert.That(files["/app"].Type, Is.EqualTo(ImageFileType.Directory));
        }
    }

    [Test]
    public void An_upper_layer_replaces_a_file_of_a_lower_one()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().File("etc/os-release", "ID=ubuntu\n"));

        Assert.That(Tree(image).Files["/etc/os-release"].Size, Is.EqualTo("ID=ubuntu\n".Length));
    }

    [Test]
    public void A_whiteout_in_an_upper_layer_removes_the_file_and_a_directorys_contents()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().Whiteout("app/appsettings.json").Whiteout("etc"));

        var files = Tree(image);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(files.Files.Keys, Is.EquivalentTo(new[] { "/app", "/app/Gateway.dll" }));
            Assert.That(files.Layers[2].Keys, Is.EquivalentTo(new[] { "/app/.wh.appsettings.json", "/.wh.etc" }), "the layer as its tar says it");
        }
    }

    [Test]
    public void A_whiteout_removes_only_what_lower_layers_hold_not_its_own_layers_entries()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().File("app/appsettings.json", "{\"new\":true}").Whiteout("app/appsettings.json"));

        Assert.That(Tree(image).Files["/app/appsettings.json"].Size, Is.EqualTo(12));
    }

    [Test]
    public void An_opaque_directory_keeps_only_what_its_own_layer_puts_there()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().Directory("app").File("app/Gateway.dll", "gateway v3").Opaque("app"));

        Assert.That(Tree(image).Files.Keys, Is.EquivalentTo(new[] { "/etc", "/etc/os-release", "/app", "/app/Gateway.dll" }));
    }

    [Test]
    public void A_file_in_place_of_a_directory_hides_what_the_directory_held()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().Symlink("app", "/srv/app"));

        Assert.That(Tree(image).Files.Keys, Is.EquivalentTo(new[] { "/etc", "/etc/os-release", "/app" }));
    }

    [Test]
    public void A_hard_link_carries_its_targets_content()
    {
        var image = Gateway();
        image.Layers.Add(new TestLayer().HardLink("app/Gateway.copy.dll", "app/Gateway.dll"));

        var files = Tree(image).Files;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(files["/app/Gateway.copy.dll"].Type, Is.EqualTo(ImageFileType.HardLink));
            Assert.That(files["/app/Gateway.copy.dll"].LinkTarget, Is.EqualTo("/app/Gateway.dll"));
            Assert.That(files["/app/Gateway.copy.dll"].Sha256, Is.EqualTo(files["/app/Gateway.dll"].Sha256).And.Not.Null);
        }
    }

    [Test]
    public void Uncompressed_layers_are_read_as_they_are()
    {
        var image = Gateway();
        image.Layers[1].MediaType = TestLayer.Uncompressed;

        Assert.That(Tree(image).Files, Does.ContainKey("/app/Gateway.dll"));
    }

    [Test]
    public void Docker_gzip_layers_are_read_like_oci_ones()
    {
        var image = Gateway();
        image.Layers[1].MediaType = TestLayer.DockerGzip;

        Assert.That(Tree(image).Files, Does.ContainKey("/app/Gateway.dll"));
    }

    [Test]
    public void A_layer_that_is_not_what_its_media_type_says_fails_naming_the_archive_and_layer()
    {
        var image = Gateway();
        image.Layers[1].Mislabelled = true;

        Assert.That(() => Tree(image), Throws.InstanceOf<InvalidDataException>().With.Message.Contains(".tar: layer 2 (sha256:"));
    }

    private ImageFileTree Tree(TestImage image)
    {
        var archive = Open(image);
        return ImageFileTree.Read(archive, archive.Image(image.Platform));
    }
}

using System.IO.Compression;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// Two builds of one commit compared: equal digests say nothing more, and otherwise each line names what differs
/// (a file and how, a config field, a layer whose bytes alone differ), on archives written as buildx writes them.
/// </summary>
public sealed class ImageComparisonTests : ArchiveFixture
{
    [Test]
    public void Two_builds_of_the_same_image_are_identical_and_list_nothing()
    {
        var difference = Compare(Gateway(), Gateway());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(difference.Identical, Is.True);
            Assert.That(difference.FirstDigest, Is.EqualTo(difference.SecondDigest).And.StartWith("sha256:"));
            Assert.That(difference.Platform, Is.EqualTo(Amd64));
            Assert.That(difference.Differences, Is.Empty);
        }
    }

    [Test]
    public void A_file_whose_content_changed_is_named_with_both_hashes()
    {
        var second = Gateway();
        second.Layers[1].File("app/Gateway.dll", "gateway v2");

        var difference = Compare(Gateway(), second);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(difference.Identical, Is.False);
            Assert.That(difference.FirstDigest, Is.Not.EqualTo(difference.SecondDigest));
            Assert.That(difference.Differences, Is.EqualTo(new[]
            {
                $"/app/Gateway.dll: content differs (sha256 {ShortSha256("gateway v1")} vs {ShortSha256("gateway v2")})",
            }));
        }
    }

    [Test]
    public void A_change_of_size_gives_both_sizes()
    {
        var second = Gateway();
        second.Layers[1].File("app/appsettings.json", "{ }");

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            $"/app/appsettings.json: content differs (sha256 {ShortSha256("{}")} vs {ShortSha256("{ }")}, 2 vs 3 bytes)",
        }));
    }

    [Test]
    public void A_file_only_in_one_build_is_named()
    {
        var first = Gateway();
        first.Layers[1].File("app/Gateway.pdb", "symbols");
        var second = Gateway();
        second.Layers[1].File("app/build-info.txt", "built at 10:00");

        Assert.That(Compare(first, second).Differences, Is.EqualTo(new[]
        {
            "/app/Gateway.pdb: only in the first build",
            "/app/build-info.txt: only in the second build",
        }));
    }

    [Test]
    public void A_changed_mtime_alone_is_named_with_both_times()
    {
        var second = Gateway();
        second.Layers[1].File("app/appsettings.json", "{}", modified: TestLayer.Epoch.AddSeconds(5));

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "/app/appsettings.json: mtime 2026-12-06T10:00:00Z vs 2026-12-06T10:00:05Z",
        }));
    }

    [Test]
    public void A_changed_mode_and_owner_are_named_in_octal_and_uid_gid()
    {
        var second = Gateway();
        second.Layers[1].File("app/Gateway.dll", "gateway v1", TestLayer.ExecutableMode, uid: 1000, gid: 1000);

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "/app/Gateway.dll: mode 0644 vs 0755",
            "/app/Gateway.dll: owner 0:0 vs 1000:1000",
        }));
    }

    [Test]
    public void A_file_that_became_a_symlink_is_named_by_type_and_target()
    {
        var second = Gateway();
        second.Layers[1].Entries.RemoveAll(entry => entry.Name == "app/appsettings.json");
        second.Layers[1].Symlink("app/appsettings.json", "/etc/gateway/appsettings.json");

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "/app/appsettings.json: type file vs symlink",
            "/app/appsettings.json: link target (none) vs /etc/gateway/appsettings.json",
            "/app/appsettings.json: mode 0644 vs 0755",
        }));
    }

    [Test]
    public void A_changed_label_is_a_config_line_naming_the_label()
    {
        var second = Gateway();
        second.Labels["org.opencontainers.image.version"] = "1.1";

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "config: label org.opencontainers.image.version 1.0 vs 1.1",
        }));
    }

    [Test]
    public void Created_environment_and_history_differences_are_config_lines()
    {
        var second = Gateway();
        second.Created = "2026-12-06T10:00:05Z";
        second.Env[1] = "DOTNET_VERSION=10.0.2";
        second.Env.Add("BUILT_BY=ci");

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "config: created 2026-12-06T10:00:00Z vs 2026-12-06T10:00:05Z",
            "config: env BUILT_BY ci only in the second build",
            "config: env DOTNET_VERSION 10.0.1 vs 10.0.2",
            "config: history[0].created 2026-12-06T10:00:00Z vs 2026-12-06T10:00:05Z",
            "config: history[1].created 2026-12-06T10:00:00Z vs 2026-12-06T10:00:05Z",
        }));
    }

    [Test]
    public void Layers_that_differ_only_in_compression_say_so()
    {
        var second = Gateway();
        second.Layers[1].Compression = CompressionLevel.NoCompression;

        var difference = Compare(Gateway(), second);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(difference.Identical, Is.False);
            Assert.That(difference.Differences, Is.EqualTo(new[] { "layer 2: compressed bytes differ (same files)" }));
        }
    }

    [Test]
    public void Layers_that_differ_only_in_entry_order_say_the_files_are_the_same()
    {
        var second = Gateway();
        second.Layers[1].Entries.Reverse();

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "layer 2: uncompressed tar differs (same files: entry order or tar headers such as owner names)",
        }));
    }

    [Test]
    public void A_difference_a_later_layer_hides_is_named_under_its_layer()
    {
        var first = Gateway();
        first.Layers.Add(new TestLayer().File("app/appsettings.json", "{\"final\":true}"));
        var second = Gateway();
        second.Layers[1].File("app/appsettings.json", "{ }");
        second.Layers.Add(new TestLayer().File("app/appsettings.json", "{\"final\":true}"));

        Assert.That(Compare(first, second).Differences, Is.EqualTo(new[]
        {
            $"layer 2: /app/appsettings.json: content differs (sha256 {ShortSha256("{}")} vs {ShortSha256("{ }")}, 2 vs 3 bytes)",
        }));
    }

    [Test]
    public void An_extra_layer_is_counted_and_its_files_named()
    {
        var second = Gateway();
        second.Layers.Add(new TestLayer().File("app/extra.json", "{}"));

        Assert.That(Compare(Gateway(), second).Differences, Is.EqualTo(new[]
        {
            "config: history[2].created 2026-12-06T10:00:00Z only in the second build",
            "config: history[2].created_by COPY layer 3 # buildkit only in the second build",
            "layers: 2 vs 3",
            "/app/extra.json: only in the second build",
        }));
    }

    [Test]
    public void A_capped_list_says_how_many_differences_were_left_out()
    {
        var second = Gateway();
        second.Layers[1].File("app/Gateway.dll", "gateway v2").File("app/appsettings.json", "{ }").File("app/new.txt", "new");

        var differences = Compare(Gateway(), second, maxDifferences: 2).Differences;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(differences, Has.Count.EqualTo(3));
            Assert.That(differences[0], Does.StartWith("/app/Gateway.dll: content differs"));
            Assert.That(differences[^1], Is.EqualTo("… and 1 more difference left out (the first 2 are listed)"));
        }
    }
}

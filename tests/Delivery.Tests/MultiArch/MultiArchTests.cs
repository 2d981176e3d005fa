using Delivery.Docker;
using Delivery.MultiArch;
using Delivery.Registry;
using Tooling;

namespace Delivery.Tests.MultiArch;

/// <summary>What a multi-arch build decides without Docker: platforms, builder capabilities, digest files, per-platform tags, argument lists, index documents.</summary>
public sealed class MultiArchTests
{
    private const string AmdDigest = "sha256:4c637e2f01142a8757d2ee2b19cd1098528dd281690e076b9e3b15a5b584d1bb";
    private const string ArmDigest = "sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9";
    private static readonly TargetPlatform Amd64 = new("linux", "amd64");
    private static readonly TargetPlatform Arm64 = new("linux", "arm64");

    [Test]
    public void Platforms_are_parsed_from_one_comma_separated_value_or_several_deduplicated_and_lowercased()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlatformSelection.Resolve(["linux/amd64,linux/arm64"], null), Is.EqualTo(new[] { Amd64, Arm64 }));
            Assert.That(PlatformSelection.Resolve(["linux/amd64", " Linux/ARM64 ", "linux/amd64"], null), Is.EqualTo(new[] { Amd64, Arm64 }));
            Assert.That(PlatformSelection.Resolve(null, "linux/arm64"), Is.EqualTo(new[] { Arm64 }));
            Assert.That(PlatformSelection.Resolve(["linux/arm64"], "linux/arm64"), Is.EqualTo(new[] { Arm64 }));
            Assert.That(PlatformSelection.Resolve(null, null), Is.Empty, "the engine's own platform");
            Assert.That(PlatformSelection.Resolve([], ""), Is.Empty);
        });
    }

    [Test]
    public void Conflicting_platform_options_and_malformed_platforms_fail_with_the_option_to_fix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => PlatformSelection.Resolve(["linux/amd64,linux/arm64"], "linux/amd64"),
                Throws.TypeOf<BuildFailedException>().With.Message.Contains("use --platforms alone"));
            Assert.That(() => PlatformSelection.Resolve(["arm64"], null),
                Throws.TypeOf<BuildFailedException>().With.Message.Contains("'arm64' is not a platform"));
            Assert.That(() => TargetPlatform.Parse("linux/arm64/v8/x"), Throws.TypeOf<BuildFailedException>());
        });
    }

    [Test]
    public void A_platform_has_a_slug_for_tags_and_file_names_and_back()
    {
        var armV7 = TargetPlatform.Parse("linux/arm/v7");

        Assert.Multiple(() =>
        {
            Assert.That(Arm64.Slug, Is.EqualTo("linux-arm64"));
            Assert.That(armV7.Slug, Is.EqualTo("linux-arm-v7"));
            Assert.That(armV7.ToString(), Is.EqualTo("linux/arm/v7"));
            Assert.That(TargetPlatform.TryParseSlug("linux-arm-v7"), Is.EqualTo(armV7));
            Assert.That(TargetPlatform.TryParseSlug("linux-amd64"), Is.EqualTo(Amd64));
            Assert.That(TargetPlatform.TryParseSlug("README.md"), Is.Null);
            Assert.That(TargetPlatform.TryParseSlug("sha256:abc"), Is.Null);
        });
    }

    [Test]
    public void The_docker_driver_builds_one_platform_per_build_and_a_container_builder_all_at_once()
    {
        var docker = BuilderInfo.Parse(
        [
            "Name:          default", "Driver:        docker", "Last Activity: 2026-11-28 01:51:57 +0000 UTC", "",
            "Nodes:", "Name:             default", "Endpoint:         default", "Status:           running",
            "BuildKit version: v0.8+unknown", "Platforms:        linux/amd64, linux/arm64",
        ]);
        var container = BuilderInfo.Parse(
        [
            "Name:          multi", "Driver:        docker-container", "", "Nodes:", "Name:      multi0",
            "Endpoint:  unix:///var/run/docker.sock", "Status:    running", "Platforms: linux/amd64*, linux/arm64, linux/386",
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(docker.Driver, Is.EqualTo("docker"));
            Assert.That(docker.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
            Assert.That(docker.IsMultiPlatformDriver, Is.False);
            Assert.That(docker.CanBuildInOne([Amd64, Arm64]), Is.False, "listed platforms, but the docker driver cannot build them in one build");
            Assert.That(container.Driver, Is.EqualTo("docker-container"));
            Assert.That(container.CanBuildInOne([Amd64, Arm64]), Is.True, "the asterisk marks a user-set platform");
            Assert.That(container.CanBuildInOne([Amd64, TargetPlatform.Parse("linux/riscv64")]), Is.False);
        });
    }

    [Test]
    public void Digest_files_are_named_per_platform_so_the_matrix_legs_merge_into_one_folder_and_read_back_sorted()
    {
        var directory = Directory.CreateTempSubdirectory("digests-").FullName;
        try
        {
            var armFile = DigestFiles.Write(directory, Arm64, ArmDigest);
            DigestFiles.Write(directory, Amd64, AmdDigest);

            var digests = DigestFiles.Read(directory);

            Assert.Multiple(() =>
            {
                Assert.That(Path.GetFileName(armFile), Is.EqualTo("linux-arm64"));
                Assert.That(File.ReadAllText(armFile), Is.EqualTo(ArmDigest + "\n"));
                Assert.That(digests.Keys, Is.EqualTo(new[] { Amd64, Arm64 }));
                Assert.That(digests[Arm64], Is.EqualTo(ArmDigest));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Missing_stray_or_malformed_digest_files_fail_saying_what_to_run()
    {
        var directory = Directory.CreateTempSubdirectory("digests-").FullName;
        try
        {
            Assert.That(() => DigestFiles.Read(Path.Combine(directory, "absent")),
                Throws.TypeOf<BuildFailedException>().With.Message.Contains("Run ./build.sh PushByDigest"));
            Assert.That(() => DigestFiles.Write(directory, Amd64, "sha256:short"), Throws.TypeOf<BuildFailedException>());

            File.WriteAllText(Path.Combine(directory, "linux-amd64"), "latest\n");
            Assert.That(() => DigestFiles.Read(directory), Throws.TypeOf<BuildFailedException>().With.Message.Contains("is not a manifest digest"));

            File.WriteAllText(Path.Combine(directory, "linux-amd64"), AmdDigest);
            File.WriteAllText(Path.Combine(directory, "notes.txt"), AmdDigest);
            Assert.That(() => DigestFiles.Read(directory), Throws.TypeOf<BuildFailedException>().With.Message.Contains("not a digest file"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Per_platform_tags_append_the_slug_to_the_main_tag()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlatformTags.For("1.2.3", Arm64), Is.EqualTo("1.2.3-linux-arm64"));
            Assert.That(PlatformTags.ForReference("127.0.0.1:5000/acme/gateway:main", Arm64), Is.EqualTo("127.0.0.1:5000/acme/gateway:main-linux-arm64"));
            Assert.That(PlatformTags.ForReference("127.0.0.1:5000/gateway", Amd64), Is.EqualTo("127.0.0.1:5000/gateway:latest-linux-amd64"));
            Assert.That(() => PlatformTags.For(new string('a', 120), Arm64), Throws.TypeOf<BuildFailedException>().With.Message.Contains("128"));
        });
    }

    [Test]
    public void Imagetools_create_gets_the_tag_the_sorted_oci_annotations_on_the_index_and_the_sources_by_digest()
    {
        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.version"] = "1.2.3",
            ["org.opencontainers.image.description"] = "ASP.NET Core API gateway (YARP reverse proxy).",
            ["org.opencontainers.image.source"] = "https://github.com/acme/gateway",
            ["org.opencontainers.image.licenses"] = "MIT",
            ["org.opencontainers.image.url"] = "",
            ["com.example.other"] = "x",
        };

        var arguments = ImageIndexArguments.Create(["r/g:1.2.3"], labels, [$"r/g@{AmdDigest}", $"r/g@{ArmDigest}"]);

        Assert.That(arguments, Is.EqualTo(new[]
        {
            "buildx", "imagetools", "create", "--progress", "plain", "--tag", "r/g:1.2.3",
            "--annotation", "index:org.opencontainers.image.description=ASP.NET Core API gateway (YARP reverse proxy).",
            "--annotation", "index:org.opencontainers.image.licenses=MIT",
            "--annotation", "index:org.opencontainers.image.source=https://github.com/acme/gateway",
            "--annotation", "index:org.opencontainers.image.version=1.2.3",
            $"r/g@{AmdDigest}", $"r/g@{ArmDigest}",
        }));
    }

    [Test]
    public void An_index_lists_its_platforms_without_attestation_manifests_and_its_annotations()
    {
        var index = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{AmdDigest}}}","size":1,"platform":{"architecture":"amd64","os":"linux"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{ArmDigest}}}","size":1,"platform":{"architecture":"arm64","os":"linux"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string('e', 64)}}}","size":1,"platform":{"architecture":"unknown","os":"unknown"}}],
             "annotations":{"org.opencontainers.image.version":"1.2.3"}}
            """;

        Assert.Multiple(() =>
        {
            Assert.That(ImageIndexDocument.IsIndex(index), Is.True);
            Assert.That(ImageIndexDocument.Platforms(index), Is.EqualTo(new Dictionary<TargetPlatform, string> { [Amd64] = AmdDigest, [Arm64] = ArmDigest }));
            Assert.That(ImageIndexDocument.Annotations(index)["org.opencontainers.image.version"], Is.EqualTo("1.2.3"));
            Assert.That(ImageIndexDocument.IsIndex("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json"}"""), Is.False);
            Assert.That(ImageIndexDocument.MetadataDigest($$"""{"containerimage.digest":"{{AmdDigest}}"}"""), Is.EqualTo(AmdDigest));
            Assert.That(() => ImageIndexDocument.MetadataDigest("{}"), Throws.TypeOf<BuildFailedException>());
        });
    }

    [Test]
    public void The_image_record_keeps_platform_images_and_digests_and_sign_addresses_each_manifest_by_digest()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("record-").FullName, "image.json");
        try
        {
            new ImageRecord(["r.io/g:1.2.3", "r.io/g:latest"], "sha256:id", 1, "linux/amd64", Digest: AmdDigest,
                Platforms: new Dictionary<string, string> { ["linux/arm64"] = ArmDigest, ["linux/amd64"] = AmdDigest },
                PlatformImages: new Dictionary<string, string> { ["linux/arm64"] = "r.io/g:1.2.3-linux-arm64" }).Write(path);

            var record = ImageRecord.Read(path);
            var image = PushedImage.From(record, "image.json");

            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllText(path), Does.Contain("\"platforms\"").And.Contain("\"platformImages\""));
                Assert.That(record.PlatformImages!["linux/arm64"], Is.EqualTo("r.io/g:1.2.3-linux-arm64"));
                Assert.That(image.PlatformsByDigest, Is.EqualTo(new[] { $"r.io/g@{AmdDigest}", $"r.io/g@{ArmDigest}" }));
                Assert.That(PushedImage.From(record with { Platforms = null }, "image.json").PlatformsByDigest, Is.Empty, "a single-platform image");
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

/// <summary>How DockerBuild's image reaches the local engine with the commit's time on every file (LocalImageOutput).</summary>
public sealed class LocalImageOutputTests
{
    private static readonly BuilderInfo DockerDriver = new(BuilderInfo.DockerDriver, ["linux/amd64"]);
    private static readonly BuilderInfo ContainerDriver = new("docker-container", ["linux/amd64", "linux/arm64"]);

    [Test]
    public void A_docker_container_builder_writes_an_oci_archive_to_load_and_keep()
    {
        var output = LocalImageOutput.For(ContainerDriver, containerdImageStore: false, "/tmp/image.tar");

        Assert.That(output, Is.EqualTo(new LocalImageOutput("type=oci,dest=/tmp/image.tar,rewrite-timestamp=true", "/tmp/image.tar", true)));
    }

    [Test]
    public void The_docker_driver_on_the_containerd_store_writes_an_oci_archive_to_load()
    {
        var output = LocalImageOutput.For(DockerDriver, containerdImageStore: true, "/tmp/image.tar");

        Assert.That(output, Is.EqualTo(new LocalImageOutput("type=oci,dest=/tmp/image.tar,rewrite-timestamp=true", "/tmp/image.tar", true)));
    }

    [Test]
    public void The_docker_driver_on_the_classic_store_loads_and_is_not_reproducible()
    {
        var output = LocalImageOutput.For(DockerDriver, containerdImageStore: false, "/tmp/image.tar");

        Assert.That(output, Is.EqualTo(new LocalImageOutput(null, null, false)));
    }

    [Test]
    public void The_commit_time_becomes_SOURCE_DATE_EPOCH_and_provenance_and_the_final_stage_s_cache_can_be_left_out()
    {
        var request = new DockerBuildRequest
        {
            Dockerfile = "Dockerfile.multistage",
            Context = ".",
            Tags = ["gateway:dev"],
            UseBuildx = true,
            SourceDateEpoch = Delivery.Labels.OciLabels.SourceDateEpoch(new Dictionary<string, string> { ["org.opencontainers.image.created"] = "2026-12-06T14:02:02Z" }),
            Provenance = false,
            UncachedStages = ["runtime"],
        };

        var arguments = DockerBuildArguments.For(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.SourceDateEpoch, Is.EqualTo(new DateTimeOffset(2026, 12, 6, 14, 2, 2, TimeSpan.Zero).ToUnixTimeSeconds()));
            Assert.That(arguments, Does.Contain($"SOURCE_DATE_EPOCH={request.SourceDateEpoch}"));
            Assert.That(arguments, Does.Contain("--provenance=false"));
            Assert.That(string.Join(' ', arguments), Does.Contain("--no-cache-filter runtime"));
            Assert.That(DockerBuildArguments.For(request with { NoCache = true }), Does.Not.Contain("--no-cache-filter"), "--no-cache covers every stage");
        }
    }
}

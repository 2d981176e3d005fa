using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap.Buffered;
using Delivery.Docker;
using Delivery.MultiArch;
using Delivery.Reproducibility;
using Publish.Tests.Infrastructure;

namespace Publish.Tests;

/// <summary>
/// Multi-arch Push, Sign, Sbom and Provenance end to end, offline: the real build, in a copy of the checkout, builds the gateway
/// for linux/amd64 and linux/arm64 (one build per platform, the docker driver's way), pushes both by digest to a
/// registry with htpasswd authentication, merges them into one tagged index and signs and attests it. The tests
/// read the index and the platform manifests back, look inside the arm64 image and run it under qemu.
/// Needs the multi-arch offline runtime base (scripts/ci/setup-offline.sh --arm64) and qemu's binfmt registration;
/// without them the fixture fails, never skips.
/// </summary>
[TestFixture]
[Category("Image")] // builds both platform images with Docker
[Category("OfflineLab")] // the stand-in arm64 base image, qemu, docker-registry, htpasswd, cosign
[NonParallelizable]
public sealed class MultiArchPublishTests
{
    private const string ImageName = "multiarch-e2e";
    private const string DefaultRuntimeImage = "127.0.0.1:5000/dotnet/aspnet:10.0-noble-chiseled";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);
    private static readonly TargetPlatform Amd64 = new("linux", "amd64");
    private static readonly TargetPlatform Arm64 = new("linux", "arm64");

    private AuthenticatedRegistry registry = null!;
    private CosignKeyPair keys = null!;
    private SourceBuildRoot root = null!;
    private TestDockerConfig docker = null!;
    private BufferedCommandResult build = null!;
    private ImageRecord record = null!;

    private string Repository => $"{registry.Address}/{ImageName}";

    private string Index => $"{Repository}@{record.Digest}";

    private string PlatformImage(TargetPlatform platform) => $"{Repository}@{record.Platforms![platform.ToString()]}";

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        await RequireArm64BaseAsync();
        registry = await AuthenticatedRegistry.StartAsync();
        keys = await CosignKeyPair.GenerateAsync();
        root = await SourceBuildRoot.CreateAsync();
        docker = await TestDockerConfig.LoginAsync(registry);
        build = await BuildProcess.RunAsync(root.Directory,
            [
                "Push", "Sign", "Sbom", "Provenance", "--profile", "offline",
                "--platforms", "linux/amd64,linux/arm64", "--registry", registry.Address, "--image-name", ImageName,
                "--registry-username", registry.Username,
            ],
            BuildTimeout,
            new Dictionary<string, string?> { ["REGISTRY_PASSWORD"] = registry.Password, ["COSIGN_KEY"] = keys.PrivateKey, ["COSIGN_PASSWORD"] = keys.Password });
        Assert.That(build.ExitCode, Is.Zero, $"The multi-arch build failed:{Environment.NewLine}{BuildProcess.Tail(build)}");
        record = ImageRecord.Read(root.ImageRecordFile);
    }

    [OneTimeTearDown]
    public Task CleanUpAsync() => FixtureCleanup.RunAsync(registry, () => Repository, docker, root, keys);

    [Test]
    public async Task The_tagged_index_lists_both_platforms_with_the_oci_annotations_and_matches_the_record()
    {
        var raw = await Tool.RunCheckedAsync("docker", ["buildx", "imagetools", "inspect", "--raw", $"{Repository}:main"], environment: docker.Environment);
        var descriptor = await Tool.RunCheckedAsync("docker", ["buildx", "imagetools", "inspect", "--format", "{{json .Manifest}}", $"{Repository}:main"],
            environment: docker.Environment);
        var platforms = ImageIndexDocument.Platforms(raw.StandardOutput);
        var annotations = ImageIndexDocument.Annotations(raw.StandardOutput);

        Assert.Multiple(() =>
        {
            Assert.That(ImageIndexDocument.IsIndex(raw.StandardOutput), Is.True, raw.StandardOutput);
            Assert.That(platforms.Keys, Is.EquivalentTo(new[] { Amd64, Arm64 }));
            Assert.That(ImageIndexDocument.DescriptorDigest(descriptor.StandardOutput), Is.EqualTo(record.Digest), "artifacts/image.json's digest is the index's");
            Assert.That(record.Platforms, Is.EquivalentTo(platforms.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value)));
            Assert.That(record.Images, Has.Some.EqualTo($"{Repository}:main"));
            Assert.That(annotations.Keys, Is.SupersetOf(new[]
            {
                "org.opencontainers.image.description", "org.opencontainers.image.licenses", "org.opencontainers.image.version",
            }));
            Assert.That(build.StandardOutput, Does.Contain("Pushed the index"));
        });
    }

    [Test]
    public async Task The_published_index_rebuilds_from_its_commit_to_the_same_platform_manifests()
    {
        var rebuild = await BuildProcess.RunAsync(root.Directory, ["VerifyReproducible", "--rebuild-of", Index, "--profile", "offline"], BuildTimeout, docker.Environment);
        var report = ReproducibilityReport.Read(Path.Combine(root.Directory, "artifacts", "reproducibility.json"));
        var head = (await Tool.RunCheckedAsync("git", ["rev-parse", "HEAD"], root.Directory)).StandardOutput.Trim();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rebuild.ExitCode, Is.Zero, BuildProcess.Tail(rebuild));
            Assert.That(report.Commit, Is.EqualTo(head), "the commit the index's revision label names");
            Assert.That(report.Platforms.Select(platform => platform.Platform), Is.EquivalentTo(new[] { Amd64, Arm64 }));
            Assert.That(report.Platforms.ToDictionary(platform => platform.Platform.ToString(), platform => platform.FirstDigest), Is.EquivalentTo(record.Platforms!),
                "compared with the published platform manifests");
            Assert.That(report.AllIdentical, Is.True, string.Join(Environment.NewLine, report.Platforms.SelectMany(platform => platform.Differences)));
        }
    }

    [Test]
    public async Task Each_platform_manifest_config_says_its_architecture()
    {
        foreach (var platform in new[] { Amd64, Arm64 })
        {
            var config = await Tool.RunCheckedAsync("docker", ["buildx", "imagetools", "inspect", "--format", "{{json .Image}}", PlatformImage(platform)],
                environment: docker.Environment);
            using var document = JsonDocument.Parse(config.StandardOutput);

            Assert.That($"{document.RootElement.GetProperty("os").GetString()}/{document.RootElement.GetProperty("architecture").GetString()}",
                Is.EqualTo(platform.ToString()), PlatformImage(platform));
        }
    }

    /// <summary>
    /// The app and the .NET host beneath it are arm64 code. The host library is checked too: Docker 26's BuildKit takes a
    /// single-platform local tag of the base image for any platform's FROM, which would put x86-64 .NET under an arm64
    /// label, and the kernel here would run it without qemu (scripts/ci/README.md#the-docker-engine).
    /// </summary>
    [Test]
    public async Task The_arm64_images_gateway_binary_and_dotnet_host_are_arm64_elves()
    {
        await PullAsync(Arm64);
        var container = (await Tool.RunCheckedAsync("docker", ["create", "--platform", "linux/arm64", PlatformImage(Arm64)])).StandardOutput.Trim();
        var copies = Path.Combine(root.Directory, "arm64-files");
        try
        {
            Directory.CreateDirectory(copies);
            await Tool.RunCheckedAsync("docker", ["cp", $"{container}:/app/entrypoint", Path.Combine(copies, "entrypoint")]);
            await Tool.RunCheckedAsync("docker", ["cp", $"{container}:/usr/share/dotnet/host/fxr", Path.Combine(copies, "fxr")]);
            var hostfxr = Directory.GetFiles(Path.Combine(copies, "fxr"), "libhostfxr.so", SearchOption.AllDirectories);
            Assert.That(hostfxr, Has.Length.EqualTo(1), "one /usr/share/dotnet/host/fxr/<version>/libhostfxr.so");

            foreach (var file in new[] { Path.Combine(copies, "entrypoint"), hostfxr[0] })
            {
                var header = new byte[20];
                await using (var stream = File.OpenRead(file))
                {
                    await stream.ReadExactlyAsync(header);
                }

                using (Assert.EnterMultipleScope())
                {
                    Assert.That(header[..4], Is.EqualTo(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), $"{file}: an ELF file");
                    Assert.That(header[4], Is.EqualTo(2), $"{file}: ELFCLASS64");
                    // e_machine, little-endian at offset 18: 0xB7 is EM_AARCH64 (0x3E would be x86-64).
                    Assert.That(BitConverter.ToUInt16(header, 18), Is.EqualTo(0xB7), $"{file}: e_machine EM_AARCH64");
                }
            }
        }
        finally
        {
            Directory.Delete(copies, recursive: true);
            await Tool.RunAsync("docker", ["rm", "--force", container]);
        }
    }

    [Test]
    public async Task The_arm64_image_starts_under_qemu_and_reports_live()
    {
        await PullAsync(Arm64);
        var port = FreePort.Next();
        var name = $"multiarch-test-{Guid.NewGuid():N}"[..24];
        await Tool.RunCheckedAsync("docker",
            [
                "run", "--detach", "--name", name, "--platform", "linux/arm64", "--network", "host", "--env", $"ASPNETCORE_HTTP_PORTS={port}",
                // Host networking: the management port's default 8081 could be taken on this machine.
                "--env", $"Gateway__ManagementPort={FreePort.Next()}",
                // qemu-user misses code .NET writes through its W^X double mapping (Image.Tests' Emulation explains it).
                "--env", "DOTNET_EnableWriteXorExecute=0", PlatformImage(Arm64),
            ]);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow.AddSeconds(120);
            System.Net.HttpStatusCode? status = null;
            while (DateTime.UtcNow < deadline && status != System.Net.HttpStatusCode.OK)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz/live"));
                    status = response.StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(1000);
                }
            }

            var logs = await Tool.RunAsync("docker", ["logs", name]);
            Assert.That(status, Is.EqualTo(System.Net.HttpStatusCode.OK), $"no answer within 120 s under emulation:{Environment.NewLine}{logs.StandardOutput}{logs.StandardError}");
        }
        finally
        {
            await Tool.RunAsync("docker", ["rm", "--force", name]);
        }
    }

    [Test]
    public async Task Cosign_verifies_the_signature_and_the_sbom_on_the_index_and_on_each_platform_manifest()
    {
        foreach (var image in new[] { Index, PlatformImage(Amd64), PlatformImage(Arm64) })
        {
            var verify = await Tool.RunAsync("cosign", ["verify", "--key", keys.PublicKey, "--insecure-ignore-tlog=true", image], environment: docker.Environment);
            var attestation = await Tool.RunAsync("cosign", ["verify-attestation", "--type", "cyclonedx", "--key", keys.PublicKey, "--insecure-ignore-tlog=true", image],
                environment: docker.Environment);

            Assert.Multiple(() =>
            {
                Assert.That(verify.ExitCode, Is.Zero, $"signature of {image}: {verify.StandardError}");
                Assert.That(attestation.ExitCode, Is.Zero, $"SBOM attestation of {image}: {attestation.StandardError}");
            });
        }
    }

    [Test]
    public async Task Cosign_verifies_the_slsa_provenance_on_the_index_and_on_each_platform_manifest_and_it_names_the_commit_and_the_base_digests()
    {
        var head = (await Tool.RunCheckedAsync("git", ["rev-parse", "HEAD"], root.Directory)).StandardOutput.Trim();
        var bases = record.BaseImages ?? throw new AssertionException("artifacts/image.json records no base images");
        var baseDigests = new[] { bases.Sdk, bases.Runtime }.Select(reference => BaseImages.DigestOf(reference)?["sha256:".Length..]).ToList();
        Assert.That(baseDigests, Has.None.Null, $"both bases pinned by digest: {bases}");

        foreach (var image in new[] { Index, PlatformImage(Amd64), PlatformImage(Arm64) })
        {
            var verify = await Tool.RunAsync("cosign",
                ["verify-attestation", "--type", "slsaprovenance1", "--key", keys.PublicKey, "--insecure-ignore-tlog=true", image], environment: docker.Environment);
            Assert.That(verify.ExitCode, Is.Zero, $"provenance attestation of {image}: {verify.StandardError}");

            // One DSSE envelope per verified attestation; its payload is the in-toto statement.
            var envelope = verify.StandardOutput.Split('\n').Single(line => line.StartsWith('{'));
            var payload = JsonNode.Parse(envelope)!["payload"]!.GetValue<string>();
            var statement = JsonNode.Parse(Convert.FromBase64String(payload))!;
            var dependencies = statement["predicate"]!["buildDefinition"]!["resolvedDependencies"]!.AsArray();

            using (Assert.EnterMultipleScope())
            {
                Assert.That((string?)statement["predicateType"], Is.EqualTo("https://slsa.dev/provenance/v1"));
                Assert.That((string?)statement["subject"]![0]!["digest"]!["sha256"], Is.EqualTo(image.Split("@sha256:")[1]), "the statement is about this digest");
                Assert.That(dependencies.Select(dependency => (string?)dependency!["digest"]?["gitCommit"]), Does.Contain(head));
                Assert.That(dependencies.Select(dependency => (string?)dependency!["digest"]?["sha256"]), Is.SupersetOf(baseDigests));
                Assert.That((string?)statement["predicate"]!["runDetails"]!["builder"]!["id"], Is.EqualTo("urn:gateway-delivery:builder:local"));
            }
        }
    }

    /// <summary>The multi-arch runtime base must be there: arm64 builds fail at FROM without it.</summary>
    private static async Task RequireArm64BaseAsync()
    {
        var runtimeImage = Environment.GetEnvironmentVariable("RUNTIME_IMAGE") is { Length: > 0 } configured ? configured : DefaultRuntimeImage;
        var raw = await Tool.RunAsync("docker", ["buildx", "imagetools", "inspect", "--raw", runtimeImage]);
        var platforms = raw.IsSuccess && ImageIndexDocument.IsIndex(raw.StandardOutput) ? ImageIndexDocument.Platforms(raw.StandardOutput) : null;
        if (platforms is null || !platforms.ContainsKey(Arm64) || !platforms.ContainsKey(Amd64))
        {
            Assert.Fail($"The runtime base {runtimeImage} is not a multi-arch index with linux/amd64 and linux/arm64 " +
                $"({(raw.IsSuccess ? "it is a single-platform manifest" : raw.StandardError.Trim())}). " +
                "Run scripts/ci/setup-offline.sh --arm64 (it also registers qemu for arm64), then run these tests again.");
        }

        if (!File.Exists("/proc/sys/fs/binfmt_misc/qemu-aarch64"))
        {
            Assert.Fail("qemu-aarch64 is not registered with binfmt_misc: the arm64 image cannot start here. Run scripts/ci/setup-offline.sh --arm64.");
        }
    }

    private Task PullAsync(TargetPlatform platform) =>
        Tool.RunCheckedAsync("docker", ["pull", "--platform", platform.ToString(), PlatformImage(platform)], environment: docker.Environment);

}

using System.Formats.Tar;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>
/// <c>docker login</c> and <c>docker push</c> against the GHCR stand-in, with the Docker engine (which speaks plain HTTP
/// to a 127.0.0.0/8 registry): a packages: read token is denied with GHCR's message, a packages: write token pushes and
/// the package version appears in GitHub's API with its tag, and buildx imagetools (Merge's registry client) publishes
/// an index. Each test has its own package, and each login a docker config of its own.
/// </summary>
[TestFixture]
[Category("Image")] // docker push through the real engine
[Category("OfflineLab")] // docker-registry behind the stand-in
[NonParallelizable]
public sealed partial class DockerPushTests
{
    private readonly string localImage = $"ghcr-standin-test:{Guid.NewGuid():N}";
    private string storage = null!;
    private GitHubStandIns standIns = null!;
    private readonly List<string> configs = [];
    private readonly List<string> tagged = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        storage = Directory.CreateTempSubdirectory("ghcr-standin-docker-").FullName;
        standIns = await GitHubStandIns.StartAsync("acme/gateway", "main", storage);
        // A one-file image from a tar: no base image, no build, nothing fetched.
        using var archive = new MemoryStream();
        await using (var tar = new TarWriter(archive, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hello from the stand-in\n"u8.ToArray()) };
            await tar.WriteEntryAsync(entry);
        }

        await DockerAsync(null, ["import", "-", localImage], archive.ToArray());
        tagged.Add(localImage);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (tagged.Count > 0)
        {
            await DockerAsync(null, ["image", "rm", .. tagged], check: false);
        }

        if (standIns is not null)
        {
            await standIns.DisposeAsync();
        }

        foreach (var directory in configs.Append(storage))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Pushing_with_a_packages_read_token_is_refused()
    {
        var config = await LoginAsync(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read), ("contents", PermissionLevel.Read)));
        var reference = await TagAsync("acme/read-only:1.0.0");

        var push = await DockerAsync(config, ["push", reference], check: false);
        // The classic image store's pusher prints the registry's error; the containerd store's (Docker 26 in the lab)
        // prints only the status of the refused upload, as it does against GHCR.
        var containerdStore = (await DockerAsync(null, ["info", "--format", "{{json .DriverStatus}}"])).StandardOutput.Contains("io.containerd.snapshotter", StringComparison.Ordinal);
        var refusal = containerdStore ? "blobs/uploads/" : "denied: permission_denied: write_package";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(push.ExitCode, Is.Not.Zero, push.StandardOutput);
            Assert.That(push.StandardError, Does.Contain(refusal));
            if (containerdStore)
            {
                Assert.That(push.StandardError, Does.Contain("403 Forbidden"));
            }

            Assert.That(standIns.Api.Packages.IdsOf("acme", "read-only"), Is.Empty);
        }
    }

    [Test]
    public async Task Pushing_with_a_packages_write_token_succeeds_and_the_version_appears_in_the_API_with_its_tag()
    {
        var config = await LoginAsync(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Write)));
        var reference = await TagAsync("acme/pushed:1.0.0");

        var push = await DockerAsync(config, ["push", reference]);
        var digest = PushedDigest().Match(push.StandardOutput).Groups["digest"].Value;
        var reader = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read)));
        var versions = await standIns.Versions(reader, "pushed").ListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(digest, Does.StartWith("sha256:"), push.StandardOutput);
            Assert.That(versions.Select(version => (version.Digest, string.Join(",", version.Tags))), Is.EqualTo(new[] { (digest, "1.0.0") }));
        }
    }

    [Test]
    public async Task An_index_made_by_buildx_imagetools_becomes_a_tagged_version_beside_the_manifest_it_lists()
    {
        var config = await LoginAsync(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Write)));
        var source = await TagAsync("acme/multi-arch:platform");
        var pushed = PushedDigest().Match((await DockerAsync(config, ["push", source])).StandardOutput).Groups["digest"].Value;

        // Merge's way of publishing a multi-arch image: the CLI's own registry client (containerd's), not the engine's.
        await DockerAsync(config, ["buildx", "imagetools", "create", "--tag", $"{standIns.Registry.Address}/acme/multi-arch:multi", source]);
        var reader = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read)));
        var versions = await standIns.Versions(reader, "multi-arch").ListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(versions.Single(version => version.Tags.Contains("platform")).Digest, Is.EqualTo(pushed));
            Assert.That(versions.Single(version => version.Tags.Contains("multi")).Digest, Is.Not.EqualTo(pushed), "the index is a version of its own");
        }
    }

    /// <summary>A docker config directory logged in to the stand-in with a fresh token holding <paramref name="grant"/>.</summary>
    private async Task<string> LoginAsync(TokenGrant grant)
    {
        var config = Directory.CreateTempSubdirectory("ghcr-standin-docker-config-").FullName;
        configs.Add(config);
        await DockerAsync(config, ["login", standIns.Registry.Address, "--username", "github-actions", "--password-stdin"],
            System.Text.Encoding.UTF8.GetBytes(standIns.IssueToken(grant)));
        return config;
    }

    private async Task<string> TagAsync(string name)
    {
        var reference = $"{standIns.Registry.Address}/{name}";
        await DockerAsync(null, ["tag", localImage, reference]);
        tagged.Add(reference);
        return reference;
    }

    private static Task<BufferedCommandResult> DockerAsync(string? config, string[] arguments, byte[]? input = null, bool check = true)
    {
        var environment = config is null ? null : new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config };
        var standardInput = input is null ? null : PipeSource.FromBytes(input);
        return check
            ? Tool.RunCheckedAsync("docker", arguments, environment: environment, standardInput: standardInput)
            : Tool.RunAsync("docker", arguments, environment: environment, standardInput: standardInput);
    }

    /// <summary>docker push's last line: <c>1.0.0: digest: sha256:… size: 528</c>.</summary>
    [GeneratedRegex(@"digest: (?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex PushedDigest();
}

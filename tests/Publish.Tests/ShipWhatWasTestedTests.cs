using System.Net;
using System.Text.Json;
using CliWrap.Buffered;
using Delivery.Docker;
using Publish.Tests.Infrastructure;

namespace Publish.Tests;

/// <summary>
/// Ship what was tested, end to end against the lab's registry (127.0.0.1:5000): the real build, in a copy of the
/// checkout, builds the gateway once and scans it (Trivy's offline stand-in: the gate and the record, no database).
/// Then another image takes the gateway's local name, and PushByDigest must refuse, naming both IDs, with nothing
/// pushed; with the built image back, PushByDigest uploads the kept archive and image.json shows scanned = built =
/// pushed, and the registry's manifest names the built config. A push to a registry that is gone names the connection error.
/// </summary>
[TestFixture]
[Category("Image")] // builds the gateway image with Docker
[Category("OfflineLab")] // the stand-in base images and the registry at 127.0.0.1:5000
[NonParallelizable]
public sealed class ShipWhatWasTestedTests
{
    private const string Registry = "127.0.0.1:5000";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private readonly string imageName = $"ship-e2e-{Guid.NewGuid():N}"[..20];
    private SourceBuildRoot root = null!;
    private PlatformBuild built = null!;
    private string swappedIn = null!;
    private BufferedCommandResult swappedPush = null!;
    private (HttpStatusCode Manifest, HttpStatusCode Config) afterSwappedPush;
    private PlatformBuild? recordAfterSwappedPush;
    private BufferedCommandResult deadRegistryPush = null!;
    private BufferedCommandResult push = null!;

    /// <summary>Build and scan; swap the echo image in under the gateway's name and push; swap back and push again.</summary>
    [OneTimeSetUp]
    public async Task BuildScanAndPushAsync()
    {
        root = await SourceBuildRoot.CreateAsync();
        var build = await RunBuildAsync(["DockerBuild", "Scan", "--trivy-path", Path.Combine(RepositoryRoot.Path, "build", "Delivery", "Rehearsal", "StandIns", "trivy")]);
        Assert.That(build.ExitCode, Is.Zero, $"DockerBuild Scan failed:{Environment.NewLine}{BuildProcess.Tail(build)}");
        var record = ImageRecord.Read(root.ImageRecordFile);
        built = record.Builds!.Values.Single();

        swappedIn = (await Tool.RunCheckedAsync("docker", ["image", "inspect", "--format", "{{.Id}}", record.EchoImage!])).StandardOutput.Trim();
        await Tool.RunCheckedAsync("docker", ["tag", swappedIn, built.Reference]);
        try
        {
            swappedPush = await PushByDigestAsync();
        }
        finally
        {
            await Tool.RunCheckedAsync("docker", ["tag", built.ImageId, built.Reference]);
        }

        afterSwappedPush = (await RegistryStatusAsync($"manifests/{built.Manifest}"), await RegistryStatusAsync($"blobs/{built.Config}"));
        recordAfterSwappedPush = ImageRecord.Read(root.ImageRecordFile).Builds!.Values.Single();
        // A registry that is gone: nothing listens on a free port (connection refused on every attempt).
        deadRegistryPush = await PushByDigestAsync("--registry", $"127.0.0.1:{FreePort.Next()}");
        push = await PushByDigestAsync();
    }

    [OneTimeTearDown]
    public void CleanUp() => root?.Dispose();

    [Test]
    public void An_image_swapped_in_after_Scan_makes_PushByDigest_fail_naming_both_ids_and_push_nothing()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(swappedIn, Is.Not.EqualTo(built.ImageId), "the swapped-in image is another one");
            Assert.That(swappedPush.ExitCode, Is.Not.Zero, BuildProcess.Tail(swappedPush));
            Assert.That(swappedPush.StandardOutput, Does.Contain("PushByDigest pushed nothing").And.Contain(swappedIn).And.Contain(built.ImageId),
                BuildProcess.Tail(swappedPush));
            Assert.That(afterSwappedPush.Manifest, Is.EqualTo(HttpStatusCode.NotFound), "the built manifest was not pushed");
            Assert.That(afterSwappedPush.Config, Is.EqualTo(HttpStatusCode.NotFound), "no blob was uploaded either");
            Assert.That(recordAfterSwappedPush?.Pushed, Is.Null);
        }
    }

    [Test]
    public void A_push_to_a_registry_that_is_gone_names_the_connection_error()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadRegistryPush.ExitCode, Is.Not.Zero, BuildProcess.Tail(deadRegistryPush));
            Assert.That(deadRegistryPush.StandardOutput, Does.Contain("Pushing the linux/amd64 image failed: The registry 127.0.0.1:")
                .And.Contain("Connection refused").And.Contain("Pushed platforms: none. No index was created; no tag was moved."), BuildProcess.Tail(deadRegistryPush));
        }
    }

    [Test]
    public async Task The_built_and_scanned_image_is_pushed_as_it_is_and_the_record_shows_scanned_equals_pushed()
    {
        Assert.That(push.ExitCode, Is.Zero, BuildProcess.Tail(push));
        var pushed = ImageRecord.Read(root.ImageRecordFile).Builds!.Values.Single();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Registry}/v2/{imageName}/manifests/{pushed.Pushed}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pushed.Scanned, Is.EqualTo(pushed.ImageId), "Scan scanned the built image");
            Assert.That(pushed.Pushed, Is.EqualTo(pushed.Manifest), "the kept archive's manifest, not a rebuild");
            // The lab's engine keeps images in the containerd store, where the image ID is the manifest digest.
            Assert.That(pushed.ImageId, Is.EqualTo(pushed.Pushed), "scanned ID = pushed digest on the containerd store");
            Assert.That(pushed.PushedConfig, Is.EqualTo(pushed.Config));
            Assert.That(manifest.RootElement.GetProperty("config").GetProperty("digest").GetString(), Is.EqualTo(pushed.Config), "the registry's manifest");
            Assert.That(push.StandardOutput, Does.Contain("ImageTest skipped with --skip"));
            Assert.That(File.ReadAllText(Path.Combine(root.Directory, "artifacts", "digests", "linux-amd64")).Trim(), Is.EqualTo(pushed.Pushed));
        }
    }

    /// <summary>ImageTest is skipped on purpose (its suite needs the whole solution built); Scan's record is required.</summary>
    private Task<BufferedCommandResult> PushByDigestAsync(params string[] options) =>
        RunBuildAsync(["PushByDigest", "ImageTest", "--skip", "DockerBuild", "ImageTest", .. options]);

    private Task<BufferedCommandResult> RunBuildAsync(IEnumerable<string> arguments) =>
        BuildProcess.RunAsync(root.Directory, [.. arguments, "--profile", "offline", "--image-name", imageName], BuildTimeout);

    private async Task<HttpStatusCode> RegistryStatusAsync(string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{Registry}/v2/{imageName}/{path}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}

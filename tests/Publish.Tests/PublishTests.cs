using System.Text;
using System.Text.Json;
using CliWrap.Buffered;
using Delivery.Docker;
using Publish.Tests.Infrastructure;

namespace Publish.Tests;

/// <summary>
/// Push, Sign and Sbom end to end, offline: the real build pushes the already-built gateway image to a registry
/// with htpasswd authentication (credentials as a CI would pass them: user name as an option, passwords in
/// REGISTRY_PASSWORD and COSIGN_PASSWORD), signs and attests it with a throw-away key pair. The tests then
/// verify with cosign as a consumer would, pull the image by digest and run it, and look for the secrets
/// everywhere the build writes.
/// </summary>
[TestFixture]
[Category("Image")] // the built gateway image, Docker
[Category("OfflineLab")] // docker-registry, htpasswd, cosign
[NonParallelizable]
public sealed class PublishTests
{
    private const string ImageName = "publish-e2e";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private AuthenticatedRegistry registry = null!;
    private CosignKeyPair keys = null!;
    private BuildRoot root = null!;
    private TestDockerConfig docker = null!;
    private BufferedCommandResult build = null!;
    private string imageId = null!;

    private string Repository => $"{registry.Address}/{ImageName}";

    private string ImageByDigest => $"{Repository}@{ImageRecord.Read(root.ImageRecordFile).Digest}";

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        imageId = await LocalImageIdAsync();
        registry = await AuthenticatedRegistry.StartAsync();
        keys = await CosignKeyPair.GenerateAsync();
        root = await BuildRoot.CreateAsync(imageId);
        docker = await TestDockerConfig.LoginAsync(registry);
        build = await RunBuildAsync(root,
            ["Push", "Sign", "Sbom", "--registry-username", registry.Username],
            new Dictionary<string, string?>
            {
                ["REGISTRY_PASSWORD"] = registry.Password,
                ["COSIGN_KEY"] = keys.PrivateKey,
                ["COSIGN_PASSWORD"] = keys.Password,
                // As on a GitHub Actions step: the file the job's outputs are read from (steps.build.outputs.*).
                ["GITHUB_OUTPUT"] = StepOutputFile,
            });
    }

    private string StepOutputFile => Path.Combine(root.Directory, "github-output.txt");

    [Test]
    public void The_push_writes_the_step_outputs_the_workflow_exposes()
    {
        // Push writes them; a later target of the run (Sign, Sbom) cannot take them back.
        Assert.That(File.Exists(StepOutputFile), Is.True, BuildOutput(build));
        var record = ImageRecord.Read(root.ImageRecordFile);
        var outputs = File.ReadAllLines(StepOutputFile).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Keys, Is.EqualTo(new[] { "digest", "image", "reference", "version" }));
            Assert.That(outputs.GetValueOrDefault("digest"), Is.EqualTo(record.Digest).And.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(outputs.GetValueOrDefault("image"), Is.EqualTo(Repository));
            Assert.That(outputs.GetValueOrDefault("reference"), Is.EqualTo($"{Repository}@{record.Digest}"));
            // GitVersion's semantic version of the build root's commit (no image-metadata.json: Push computes it in memory).
            Assert.That(outputs.GetValueOrDefault("version"), Does.Match(@"^\d+\.\d+\.\d+"));
        }
    }

    [OneTimeTearDown]
    public Task CleanUpAsync() => FixtureCleanup.RunAsync(registry, () => Repository, docker, root, keys);

    [Test]
    public void The_build_pushes_every_tag_and_records_the_digest()
    {
        Assert.That(build.ExitCode, Is.Zero, BuildOutput(build));
        var record = ImageRecord.Read(root.ImageRecordFile);

        Assert.Multiple(() =>
        {
            Assert.That(record.Digest, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(record.Images, Has.All.StartWith(Repository + ":"));
            Assert.That(record.Images, Has.Some.EqualTo($"{Repository}:main"));
            Assert.That(record.Images, Has.Some.Match($"^{Repository.Replace(".", "\\.", StringComparison.Ordinal)}:sha-[0-9a-f]{{7}}$"));
            Assert.That(build.StandardOutput, Does.Contain("Signing with a key pair. Transparency log: off"));
        });
    }

    [Test]
    public async Task Cosign_verifies_the_signature_on_the_digest_with_the_public_key()
    {
        var verify = await CosignAsync(["verify", "--key", keys.PublicKey, "--insecure-ignore-tlog=true", ImageByDigest]);

        Assert.That(verify.ExitCode, Is.Zero, verify.StandardError);
    }

    [Test]
    public async Task A_signature_is_not_accepted_for_another_key()
    {
        using var otherKeys = await CosignKeyPair.GenerateAsync();

        var verify = await CosignAsync(["verify", "--key", otherKeys.PublicKey, "--insecure-ignore-tlog=true", ImageByDigest]);

        Assert.That(verify.ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task Cosign_verifies_the_sbom_attestation_which_lists_packages_runtime_and_base_image()
    {
        var verify = await CosignAsync(["verify-attestation", "--type", "cyclonedx", "--key", keys.PublicKey, "--insecure-ignore-tlog=true", ImageByDigest]);
        Assert.That(verify.ExitCode, Is.Zero, verify.StandardError);

        var envelope = JsonDocument.Parse(verify.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!));
        var components = statement.RootElement.GetProperty("predicate").GetProperty("components").EnumerateArray()
            .Select(component => $"{component.GetProperty("name").GetString()} {component.GetProperty("version").GetString()}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(statement.RootElement.GetProperty("predicateType").GetString(), Is.EqualTo("https://cyclonedx.org/bom"));
            Assert.That(components, Has.Some.StartsWith("Yarp.ReverseProxy "));
            Assert.That(components, Has.Some.Match(@"^Microsoft\.AspNetCore\.App \d+\.\d+\.\d+"));
            Assert.That(components, Has.Some.Match(@"^Microsoft\.NETCore\.App \d+\.\d+\.\d+"));
            Assert.That(components, Has.Some.StartsWith("mcr.microsoft.com/dotnet/aspnet "));
            Assert.That(File.Exists(Path.Combine(root.Directory, "artifacts", "sbom", "gateway.cdx.json")), Is.True);
        });
    }

    [Test]
    public async Task The_image_pulled_by_digest_runs_and_reports_live()
    {
        await Tool.RunCheckedAsync("docker", ["pull", ImageByDigest], environment: docker.Environment);
        var port = FreePort.Next();
        var name = $"publish-test-{Guid.NewGuid():N}"[..24];
        await Tool.RunCheckedAsync("docker", ["run", "--detach", "--name", name, "--network", "host", "--env", $"ASPNETCORE_HTTP_PORTS={port}",
            // Host networking: the management port's default 8081 could be taken on this machine.
            "--env", $"Gateway__ManagementPort={FreePort.Next()}", ImageByDigest]);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            System.Net.HttpStatusCode? status = null;
            while (DateTime.UtcNow < deadline && status != System.Net.HttpStatusCode.OK)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz/live"));
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.That(status, Is.EqualTo(System.Net.HttpStatusCode.OK), (await Tool.RunAsync("docker", ["logs", name])).StandardError);
        }
        finally
        {
            await Tool.RunAsync("docker", ["rm", "--force", name]);
        }
    }

    [Test]
    public void No_secret_appears_in_the_output_the_log_or_the_artifacts()
    {
        string[] secrets = [registry.Password, keys.Password];
        var output = build.StandardOutput + build.StandardError;
        var files = root.OutputFiles().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(files, Has.Some.EqualTo(root.BuildLog));
            foreach (var secret in secrets)
            {
                Assert.That(output, Does.Not.Contain(secret), "build output");
                Assert.That(files.Where(file => File.ReadAllText(file).Contains(secret, StringComparison.Ordinal)), Is.Empty, "files under artifacts/ and .nuke/");
            }

            // The login lived in the build's own DOCKER_CONFIG, removed at the end; temporary key files too.
            Assert.That(System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(root.Directory, ".nuke", "temp"), "docker-config-*"), Is.Empty);
            Assert.That(System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(root.Directory, ".nuke", "temp"), "cosign-*"), Is.Empty);
        });
    }

    [Test]
    public async Task No_secret_is_in_the_pushed_image()
    {
        var archive = Path.Combine(root.Directory, "image.tar");
        await Tool.RunCheckedAsync("docker", ["save", "--output", archive, imageId]);
        try
        {
            var bytes = await File.ReadAllBytesAsync(archive);
            foreach (var secret in new[] { registry.Password, keys.Password })
            {
                Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1), "the image's layers and config");
            }
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Test]
    public async Task A_wrong_password_is_rejected_with_a_clear_error_and_nothing_is_pushed()
    {
        using var otherRoot = await BuildRoot.CreateAsync(imageId);
        var wrongPassword = $"wrong-{Guid.NewGuid():N}";

        var result = await RunBuildAsync(otherRoot,
            ["Push", "--registry-username", registry.Username, "--image-name", "publish-e2e-rejected"],
            new Dictionary<string, string?> { ["REGISTRY_PASSWORD"] = wrongPassword });

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain($"Login to {registry.Address} as {registry.Username} (--registry-username/REGISTRY_PASSWORD) was rejected"));
            Assert.That(result.StandardOutput + result.StandardError + File.ReadAllText(otherRoot.BuildLog), Does.Not.Contain(wrongPassword));
            Assert.That(ImageRecord.Read(otherRoot.ImageRecordFile).Digest, Is.Null);
        });
    }

    private static async Task<string> LocalImageIdAsync()
    {
        var image = Environment.GetEnvironmentVariable("GATEWAY_IMAGE") is { Length: > 0 } named ? named : "gateway:dev";
        var inspect = await Tool.RunAsync("docker", ["image", "inspect", "--format", "{{.Id}}", image]);
        if (!inspect.IsSuccess)
        {
            Assert.Fail($"The gateway image {image} is not in the local Docker engine ({inspect.StandardError.Trim()}). " +
                "Build it first: ./build.sh DockerBuild --profile offline (./build.sh ImageTest does).");
        }

        return inspect.StandardOutput.Trim();
    }

    /// <summary>The built build, as ./build.sh runs it, against <paramref name="buildRoot"/> and the test registry; DockerBuild (done) and Restore (the checkout's) skipped.</summary>
    private async Task<BufferedCommandResult> RunBuildAsync(BuildRoot buildRoot, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? secrets = null)
    {
        // The secrets come only from the test: the test run's own must not reach the build under test.
        var environment = new Dictionary<string, string?> { ["REGISTRY_PASSWORD"] = null, ["COSIGN_KEY"] = null, ["COSIGN_PASSWORD"] = null };
        foreach (var (name, value) in secrets ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return await BuildProcess.RunAsync(buildRoot.Directory,
            [
                .. arguments, "--skip", "DockerBuild", "Restore",
                "--registry", registry.Address, .. arguments.Contains("--image-name") ? Array.Empty<string>() : ["--image-name", ImageName],
            ],
            BuildTimeout, environment);
    }

    private Task<BufferedCommandResult> CosignAsync(IEnumerable<string> arguments) =>
        Tool.RunAsync("cosign", arguments, environment: docker.Environment);

    private static string BuildOutput(BufferedCommandResult result) => result.StandardOutput + result.StandardError;
}

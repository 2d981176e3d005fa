using CliWrap.Buffered;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>
/// cosign (go-containerregistry's registry client, as the Sign and Sbom targets run it) against the GHCR stand-in with
/// a throw-away key pair: a packages: write token signs and the signature becomes a package version under cosign's
/// tag, a packages: read token verifies, and signing with it is denied as on GHCR.
/// </summary>
[TestFixture]
[Category("OfflineLab")]
public sealed class CosignTests
{
    private const string Password = "stand-in-cosign-password";

    private string directory = null!;
    private GitHubStandIns standIns = null!;

    private string Address => standIns.Registry.Address;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        directory = Directory.CreateTempSubdirectory("ghcr-standin-cosign-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "docker-config"));
        standIns = await GitHubStandIns.StartAsync("acme/gateway", "main", Path.Combine(directory, "registry"));
        await CosignAsync(["generate-key-pair"], check: true);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (standIns is not null)
        {
            await standIns.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task A_packages_write_token_signs_and_the_signature_becomes_a_version_under_cosigns_tag_which_a_read_token_verifies()
    {
        var writer = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Write), ("id-token", PermissionLevel.Write)));
        var reader = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read)));
        var digest = await standIns.PushImageAsync(writer, "acme/signed", "1.0.0");

        var sign = await CosignAsync(["sign", "--yes", "--key", "cosign.key", "--tlog-upload=false", .. Login(writer), $"{Address}/acme/signed@{digest}"]);
        var verify = await CosignAsync(["verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", .. Login(reader), $"{Address}/acme/signed@{digest}"]);
        var tags = (await standIns.Versions(reader, "signed").ListAsync()).SelectMany(version => version.Tags);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sign.ExitCode, Is.Zero, sign.StandardError);
            Assert.That(verify.ExitCode, Is.Zero, verify.StandardError);
            // cosign 2 tags its signature sha256-<hex>.sig; cosign 3 on a registry without the referrers API, sha256-<hex>.
            Assert.That(tags, Has.Some.StartsWith(digest.Replace(':', '-')), string.Join(", ", tags));
        }
    }

    [Test]
    public async Task Signing_with_a_packages_read_token_is_denied_as_on_GHCR()
    {
        var writer = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Write)));
        var reader = standIns.IssueToken(TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read)));
        var digest = await standIns.PushImageAsync(writer, "acme/unsigned", "1.0.0");

        var sign = await CosignAsync(["sign", "--yes", "--key", "cosign.key", "--tlog-upload=false", .. Login(reader), $"{Address}/acme/unsigned@{digest}"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sign.ExitCode, Is.Not.Zero);
            Assert.That(sign.StandardError, Does.Contain("permission_denied: write_package"));
            Assert.That((await standIns.Versions(reader, "unsigned").ListAsync()).Select(version => version.Digest), Is.EqualTo(new[] { digest }));
        }
    }

    private static string[] Login(string token) => ["--registry-username", "github-actions", "--registry-password", token];

    /// <summary>cosign in the fixture's directory (the key pair's), with a docker config of its own so no login of the machine is used.</summary>
    private Task<BufferedCommandResult> CosignAsync(string[] arguments, bool check = false)
    {
        var environment = new Dictionary<string, string?>
        {
            ["COSIGN_PASSWORD"] = Password,
            ["DOCKER_CONFIG"] = Path.Combine(directory, "docker-config"),
        };
        return check ? Tool.RunCheckedAsync("cosign", arguments, directory, environment) : Tool.RunAsync("cosign", arguments, directory, environment);
    }
}

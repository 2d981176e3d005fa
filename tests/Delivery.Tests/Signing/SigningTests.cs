using System.Text.RegularExpressions;
using Delivery.Signing;
using Tooling;

namespace Delivery.Tests.Signing;

/// <summary>cosign's command lines per signing mode, and the keyless identity consumers and the build verify against.</summary>
public sealed class SigningTests
{
    private const string Image = "ghcr.io/acme/gateway@sha256:ccc4c7e411ce062392671fe97c09ec091a1d048072575134f62101b6cf65cfe9";
    private static readonly KeyedSigning Keyed = new("/tmp/cosign.key", "/tmp/cosign.pub");
    private static readonly KeylessSigning Keyless = new(KeylessIdentity.ReleaseRegexp("acme/gateway"), KeylessIdentity.GitHubOidcIssuer);

    [Test]
    public void Keyed_signing_uploads_nothing_to_the_transparency_log_and_verification_does_not_ask_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CosignArguments.Sign(Keyed, Image),
                Is.EqualTo(new[] { "sign", "--yes", "--recursive", "--key", "/tmp/cosign.key", "--tlog-upload=false", Image }));
            Assert.That(CosignArguments.Verify(Keyed, Image),
                Is.EqualTo(new[] { "verify", "--key", "/tmp/cosign.pub", "--insecure-ignore-tlog=true", "--output", "json", Image }));
            Assert.That(CosignArguments.Attest(Keyed, "cyclonedx", "sbom.json", Image),
                Is.EqualTo(new[] { "attest", "--yes", "--type", "cyclonedx", "--predicate", "sbom.json", "--key", "/tmp/cosign.key", "--tlog-upload=false", Image }));
        });
    }

    [Test]
    public void Keyless_verification_checks_the_workflow_identity_and_githubs_issuer()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CosignArguments.Sign(Keyless, Image), Is.EqualTo(new[] { "sign", "--yes", "--recursive", Image }));
            Assert.That(CosignArguments.VerifyAttestation(Keyless, "cyclonedx", Image), Is.EqualTo(new[]
            {
                "verify-attestation", "--type", "cyclonedx",
                "--certificate-identity-regexp", @"^https://github\.com/acme/gateway/\.github/workflows/docker-build\.yml@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$",
                "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", "--output", "json", Image,
            }));
        });
    }

    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v1.2.3", true)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v2.0.0-rc.1", true)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/heads/main", false)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/pull-request.yml@refs/tags/v1.2.3", false)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/vnext", false)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/heads/v1.2.3", false)]
    [TestCase("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v1.2.3\nx", false)]
    [TestCase("https://github.com/evil/gateway/.github/workflows/docker-build.yml@refs/tags/v1.2.3", false)]
    [TestCase("https://github.com/acme/gatewayX/.github/workflows/docker-build.yml@refs/tags/v1.2.3", false)]
    public void The_release_identity_accepts_only_the_publishing_workflow_on_version_tags(string identity, bool accepted) =>
        Assert.That(Regex.IsMatch(identity, KeylessIdentity.ReleaseRegexp("acme/gateway")), Is.EqualTo(accepted));

    [Test]
    public void The_main_identity_is_the_publishing_workflow_on_main_exactly() =>
        Assert.That(KeylessIdentity.MainIdentity("acme/gateway"),
            Is.EqualTo("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/heads/main"));

    [Test]
    public void A_run_verifies_against_the_workflow_and_ref_that_signed()
    {
        var fromRunner = KeylessIdentity.ForRun("acme/gateway", "refs/tags/v2.0.0", "acme/gateway/.github/workflows/docker-build.yml@refs/tags/v2.0.0");
        var fromRef = KeylessIdentity.ForRun("acme/gateway", "refs/heads/feature/x");

        Assert.Multiple(() =>
        {
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v2.0.0", fromRunner), Is.True);
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v2.0.1", fromRunner), Is.False);
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/heads/feature/x", fromRef), Is.True);
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/heads/main", fromRef), Is.False);
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/other.yml@refs/heads/feature/x", fromRef), Is.False);
        });
    }

    [Test]
    public void A_run_called_from_another_workflow_verifies_against_docker_build_at_the_callers_ref()
    {
        // workflow_call: the runner's GITHUB_WORKFLOW_REF is the caller's, the certificate the called docker-build.yml's.
        var called = KeylessIdentity.ForRun("acme/gateway", "refs/tags/v2.0.0", "acme/gateway/.github/workflows/release.yml@refs/tags/v2.0.0");

        Assert.Multiple(() =>
        {
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/docker-build.yml@refs/tags/v2.0.0", called), Is.True);
            Assert.That(Regex.IsMatch("https://github.com/acme/gateway/.github/workflows/release.yml@refs/tags/v2.0.0", called), Is.False);
        });
    }

    [Test]
    public void Pem_content_becomes_a_private_file_deleted_afterwards()
    {
        var directory = Directory.CreateTempSubdirectory("cosign-key-tests-").FullName;
        try
        {
            string path;
            using (var key = CosignKeyFile.From("-----BEGIN TEST DATA-----\nabc\n-----END TEST DATA-----", directory, "--cosign-key"))
            {
                path = key.Path;
                Assert.That(File.ReadAllText(path), Is.EqualTo("-----BEGIN TEST DATA-----\nabc\n-----END TEST DATA-----\n"));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }
            }

            Assert.That(File.Exists(path), Is.False);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_missing_key_file_is_named_in_the_error() =>
        Assert.That(() => CosignKeyFile.From("/nonexistent/cosign.key", Path.GetTempPath(), "--cosign-key"),
            Throws.TypeOf<Tooling.BuildFailedException>().With.Message.Contains("/nonexistent/cosign.key"));

    [Test]
    public void Key_material_never_prints() =>
        Assert.That(new SigningKeys("-----BEGIN x", "pass", null).ToString(), Does.Not.Contain("pass").And.Not.Contain("BEGIN"));
}

using Delivery.Registry;
using Tooling;

namespace Delivery.Tests.Registry;

/// <summary>Which login Push uses: explicit credentials, GitHub's token for ghcr.io, or none for an open registry.</summary>
public sealed class RegistryCredentialTests
{
    private static readonly Dictionary<string, string> Local = [];

    private static readonly Dictionary<string, string> GitHub = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_TOKEN"] = "ghs_token",
        ["GITHUB_ACTOR"] = "octocat",
    };

    [Test]
    public void Without_credentials_off_github_there_is_no_login() =>
        Assert.That(RegistryCredentialResolver.Resolve("127.0.0.1:5000", null, null, Local), Is.Null);

    [Test]
    public void Explicit_credentials_are_used_anywhere() =>
        Assert.That(RegistryCredentialResolver.Resolve("registry.example.com", "ci", "s3cret", GitHub),
            Is.EqualTo(new RegistryCredentials("registry.example.com", "ci", "s3cret", "--registry-username/REGISTRY_PASSWORD")));

    [Test]
    public void On_github_ghcr_takes_the_workflow_token() =>
        Assert.That(RegistryCredentialResolver.Resolve("ghcr.io", null, null, GitHub),
            Is.EqualTo(new RegistryCredentials("ghcr.io", "octocat", "ghs_token", "GITHUB_TOKEN")));

    [Test]
    public void On_github_without_a_token_the_error_says_which_permission_to_grant() =>
        Assert.That(() => RegistryCredentialResolver.Resolve("ghcr.io", null, null, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }),
            Throws.TypeOf<BuildFailedException>().With.Message.Contains("packages: write"));

    [TestCase("ci", null)]
    [TestCase(null, "s3cret")]
    public void Half_a_credential_is_an_error(string? username, string? password) =>
        Assert.That(() => RegistryCredentialResolver.Resolve("127.0.0.1:5000", username, password, Local), Throws.TypeOf<BuildFailedException>());

    [Test]
    public void Credentials_never_print_their_password() =>
        Assert.That(new RegistryCredentials("r", "u", "s3cret", "x").ToString(), Does.Not.Contain("s3cret"));
}

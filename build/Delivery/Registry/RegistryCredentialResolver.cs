using Delivery.Images;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// Which credentials a push uses: explicit ones (--registry-username and the secret --registry-password) win;
/// on GitHub Actions, ghcr.io takes the workflow's GITHUB_TOKEN; anywhere else, no credentials means no login
/// (an open registry, like the local one on 127.0.0.1:5000).
/// </summary>
public static class RegistryCredentialResolver
{
    public static RegistryCredentials? Resolve(string registry, string? username, string? password, IReadOnlyDictionary<string, string> environment)
    {
        var hasUsername = !string.IsNullOrWhiteSpace(username);
        var hasPassword = !string.IsNullOrEmpty(password);
        if (hasUsername != hasPassword)
        {
            throw new BuildFailedException(hasUsername
                ? "--registry-username is set but REGISTRY_PASSWORD is not. Set both (the password only through the REGISTRY_PASSWORD variable or a parameters file outside the repository), or neither for an open registry."
                : "REGISTRY_PASSWORD is set but --registry-username is not. Set both, or neither for an open registry.");
        }

        if (hasUsername)
        {
            return new RegistryCredentials(registry, username!.Trim(), password!, "--registry-username/REGISTRY_PASSWORD");
        }

        if (environment.GetValueOrDefault("GITHUB_ACTIONS") != "true")
        {
            return null;
        }

        if (!ImageNaming.IsGitHubContainerRegistry(registry, environment))
        {
            throw new BuildFailedException(
                $"On GitHub Actions only {ImageNaming.DefaultRegistry} has automatic credentials (GITHUB_TOKEN); for {registry} pass --registry-username and set REGISTRY_PASSWORD.");
        }

        var token = environment.GetValueOrDefault("GITHUB_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw new BuildFailedException(
                "GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` and the job `permissions: packages: write`.");
        }

        var actor = environment.GetValueOrDefault("GITHUB_ACTOR");
        return new RegistryCredentials(registry, string.IsNullOrEmpty(actor) ? "github-actions" : actor, token, "GITHUB_TOKEN");
    }
}

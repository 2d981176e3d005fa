namespace Tooling;

/// <summary>
/// What a tool's process does not inherit from the build: the CI's tokens, the variables of the secret parameters
/// (under every name the engine reads them by) and any variable holding a secret value. A process the build starts
/// (dotnet test and the test code it loads, docker, a linter) gets a credential only when its call asks for it by
/// name (<see cref="ToolOptions.PassEnvironment"/>) or sets it (<see cref="ToolOptions.Environment"/>); the build's
/// own code keeps reading them in-process.
/// </summary>
public sealed class ChildEnvironment
{
    /// <summary>
    /// Tokens a CI runner exports that no tool gets by default: the job's API token (GITHUB_TOKEN, and gh's GH_TOKEN),
    /// the OIDC request token that lets its holder sign as the workflow (cosign keyless asks for it), and the runtime
    /// token of the Actions cache and artifact services (buildx's gha cache asks for it).
    /// </summary>
    public static readonly IReadOnlyList<string> Credentials =
        ["GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN"];

    private readonly Func<string, bool> namesSecretParameter;
    private readonly Func<IEnumerable<string>> secretValues;

    /// <param name="namesSecretParameter">
    /// Whether a variable sets one of the build's secret parameters: the engine knows every name it reads them by
    /// (REGISTRY_PASSWORD, RegistryPassword and NUKE_REGISTRY_PASSWORD all set --registry-password).
    /// </param>
    /// <param name="secretValues">The secret values known now (parameters, and tokens the build registered at run time).</param>
    public ChildEnvironment(Func<string, bool> namesSecretParameter, Func<IEnumerable<string>> secretValues)
    {
        this.namesSecretParameter = namesSecretParameter;
        this.secretValues = secretValues;
    }

    /// <summary>Withholds the CI's tokens only: for a runner made outside a build run (tests, tools of the tools).</summary>
    public static ChildEnvironment CredentialsOnly { get; } = new(_ => false, () => []);

    /// <summary>The build process's own environment, which a tool inherits less what <see cref="Withheld"/> names.</summary>
    public static Dictionary<string, string> Inherited() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string ?? "", StringComparer.Ordinal);

    /// <summary>The variables of <paramref name="inherited"/> the tool must not see, given what its call asks for.</summary>
    public IReadOnlyList<string> Withheld(IReadOnlyDictionary<string, string> inherited, ToolOptions options)
    {
        var values = secretValues().Where(value => !string.IsNullOrEmpty(value)).ToHashSet(StringComparer.Ordinal);
        var passed = new HashSet<string>(options.PassEnvironment ?? [], StringComparer.Ordinal);
        var set = options.Environment?.Where(variable => variable.Value is not null).Select(variable => variable.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        return
        [
            .. inherited
                .Where(variable => !passed.Contains(variable.Key) && !set.Contains(variable.Key))
                .Where(variable => Credentials.Contains(variable.Key, StringComparer.Ordinal)
                    || namesSecretParameter(variable.Key)
                    || values.Contains(variable.Value))
                .Select(variable => variable.Key)
                .Order(StringComparer.Ordinal),
        ];
    }
}

namespace Tooling;

/// <summary>
/// The environment a tool's process gets: the build's own (<see cref="Inherited"/>, which a test may give), less what it
/// does not inherit from the build: the CI's tokens, the variables of the secret parameters
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

    private readonly IReadOnlyDictionary<string, string>? inherited;
    private readonly Func<string, bool> namesSecretParameter;
    private readonly Func<IEnumerable<string>> secretValues;

    /// <param name="inherited">The build's environment (BuildBase.EnvironmentVariables); null for the process's own as it is.</param>
    /// <param name="namesSecretParameter">
    /// Whether a variable sets one of the build's secret parameters: the engine knows every name it reads them by
    /// (REGISTRY_PASSWORD, RegistryPassword and NUKE_REGISTRY_PASSWORD all set --registry-password).
    /// </param>
    /// <param name="secretValues">The secret values known now (parameters, and tokens the build registered at run time).</param>
    public ChildEnvironment(IReadOnlyDictionary<string, string>? inherited, Func<string, bool> namesSecretParameter, Func<IEnumerable<string>> secretValues)
    {
        this.inherited = inherited;
        this.namesSecretParameter = namesSecretParameter;
        this.secretValues = secretValues;
    }

    /// <summary>Withholds the CI's tokens only: for a runner made outside a build run (tests, tools of the tools).</summary>
    public static ChildEnvironment CredentialsOnly { get; } = new(null, _ => false, () => []);

    /// <summary>What the tool inherits before anything is withheld: the build's environment.</summary>
    public IReadOnlyDictionary<string, string> Inherited => inherited ?? Process();

    /// <summary>One inherited variable, without reading the process's whole environment when the build gave none.</summary>
    public string? InheritedVariable(string name) =>
        inherited is null ? Environment.GetEnvironmentVariable(name) : inherited.GetValueOrDefault(name);

    /// <summary>The process's variables now (the build reads them once, when it starts).</summary>
    public static IReadOnlyDictionary<string, string> Process() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string ?? "", StringComparer.Ordinal);

    /// <summary>
    /// What turns this process's environment (which a started process inherits) into the build's: a removal (null) for
    /// each variable the build does not have, the build's value where it differs. None in a real run, where the two are
    /// one; a test's build environment reaches its tools exactly.
    /// </summary>
    public Dictionary<string, string?> FromProcess()
    {
        var process = Process();
        // One snapshot: without a build environment, Inherited would read the process's whole environment per lookup.
        var build = inherited ?? process;
        var variables = process.Keys.Where(name => !build.ContainsKey(name)).ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        foreach (var (name, value) in build.Where(variable => process.GetValueOrDefault(variable.Key) != variable.Value))
        {
            variables[name] = value;
        }

        return variables;
    }

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

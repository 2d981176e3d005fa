namespace BuildEngine;

/// <summary>An action pinned to a full commit SHA, with the release it is (written as a comment beside the SHA).</summary>
internal sealed record ActionPin(string Action, string Sha, string Version)
{
    public string Reference => $"{Action}@{Sha}";
}

/// <summary>
/// A step that installs a tool a target uses: a pinned action and its inputs, or a shell command (<see cref="Run"/>)
/// that installs a pinned, checksum-verified version.
/// </summary>
public sealed record ToolSetupStep(string Name, string? Action = null, IReadOnlyDictionary<string, string>? With = null)
{
    public string? Run { get; init; }

    /// <summary>
    /// Skipped on tag (release) runs: for steps that bring a cache into the job (a cache token, a cache restore),
    /// which must never reach what a release publishes.
    /// </summary>
    public bool NotOnTags { get; init; }
}

/// <summary>
/// The build's one table of what the generated workflows may use: every action pinned by SHA (in code with
/// <see cref="Pin"/>, or in a committed data file with <see cref="PinsFrom"/>, which Dependabot's bumps flow back to), how
/// to set up each tool targets declare with UsesTools, and the runner of each platform.
/// </summary>
public sealed class GitHubActionsCatalog
{
    private readonly Dictionary<string, ActionPin> actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ToolSetupStep>> toolSetups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> runners = new(StringComparer.Ordinal);

    /// <summary>The committed action pins file (relative to the repository root) that <see cref="PinsFrom"/> named.</summary>
    internal string? PinFile { get; private set; }

    public GitHubActionsCatalog Pin(string action, string sha, string version)
    {
        if (sha.Length != 40 || !sha.All(Uri.IsHexDigit))
        {
            throw new BuildDefinitionException($"Action {action} must be pinned to a full 40-character commit SHA, not '{sha}'.");
        }

        actions[action] = new ActionPin(action, sha, version);
        return this;
    }

    /// <summary>
    /// Pins actions from a committed JSON file (relative to the repository root). Generation takes each action's newest
    /// release among the file and the committed workflows' <c>uses:</c> lines, and writes it back into the file: a bump
    /// that edits only the workflows (Dependabot's) passes --check-workflows and reaches the file at the next generation.
    /// </summary>
    public GitHubActionsCatalog PinsFrom(string relativePath)
    {
        PinFile = relativePath;
        return this;
    }

    internal void AddFiledPin(ActionPin pin)
    {
        if (actions.ContainsKey(pin.Action))
        {
            throw new BuildDefinitionException($"Action {pin.Action} is pinned both in code (.Pin) and in {PinFile}: keep one of them.");
        }

        actions[pin.Action] = pin;
    }

    internal static bool IsCommitSha(string sha) => sha.Length == 40 && sha.All(char.IsAsciiHexDigitLower);

    /// <summary>The steps that make <paramref name="tool"/> available; a tool without steps is expected on the runner.</summary>
    public GitHubActionsCatalog Setup(string tool, params ToolSetupStep[] steps)
    {
        toolSetups[tool] = [.. steps];
        return this;
    }

    public GitHubActionsCatalog Runner(string platform, string label)
    {
        runners[platform] = label;
        return this;
    }

    internal ActionPin Action(string action) =>
        actions.TryGetValue(action, out var pin)
            ? pin
            : throw new BuildDefinitionException($"Action {action} is not pinned in the build's GitHubActionsCatalog. " + (PinFile is null
                ? $"Add .Pin(\"{action}\", sha, version)."
                : $"Add \"{action}\": {{ \"sha\": \"<40-hex commit>\", \"version\": \"vX.Y.Z\" }} to {PinFile}."));

    public IReadOnlyList<ToolSetupStep> SetupOf(string tool) => toolSetups.TryGetValue(tool, out var steps) ? steps : [];

    public string RunnerOf(string platform) =>
        runners.TryGetValue(platform, out var label)
            ? label
            : throw new BuildDefinitionException($"No runner for platform {platform} in the build's GitHubActionsCatalog. Add .Runner(\"{platform}\", label).");
}

using System.Text;
using System.Text.Json;
using Tooling;

namespace BuildEngine;

/// <summary>
/// The committed data file of action pins (<see cref="GitHubActionsCatalog.PinsFrom"/>), kept in step with the committed
/// workflows both ways: generation takes each action's newest pin among the file and the workflows' <c>uses:</c> lines
/// (so a Dependabot pull request, which edits only the workflows, passes --check-workflows and survives the next
/// generation), and rewrites the file with what it took (so the bump reaches the source of the pins).
/// </summary>
internal static class ActionPinFile
{
    private const string Comment =
        "Actions the generated workflows use, each pinned to a commit with its release. ./build.sh --generate-workflows takes " +
        "the newest of this file and the committed workflows (a Dependabot bump) and rewrites both; docs/ci.md#updating-pinned-actions.";

    /// <summary>Registers the catalog's file pins, newest first; returns the file as it is to be written, or null without one.</summary>
    public static GeneratedFile? Resolve(GitHubActionsCatalog catalog, AbsolutePath root)
    {
        if (catalog.PinFile is not { } relativePath)
        {
            return null;
        }

        var filed = Read(root / relativePath, relativePath);
        var committed = CommittedUses(root).Where(line => filed.ContainsKey(line.Action)).ToList();
        var resolved = new List<ActionPin>();
        foreach (var (action, pin) in filed.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            // The file wins a tie: a new SHA under the same release is no update, and the file is the source.
            var newest = committed.Where(line => line.Action == action).Select(FromWorkflow)
                .Aggregate((Pin: pin, Version: Version(pin.Version, relativePath, action)), (best, candidate) =>
                    candidate.Version.CompareTo(best.Version) > 0 ? candidate : best);
            catalog.AddFiledPin(newest.Pin);
            resolved.Add(newest.Pin);
        }

        return new GeneratedFile(relativePath, Render(resolved), Checked: false);
    }

    private static Dictionary<string, ActionPin> Read(AbsolutePath path, string relativePath)
    {
        if (!path.FileExists())
        {
            throw new BuildDefinitionException($"The action pins file {relativePath} (GitHubActionsCatalog.PinsFrom) does not exist: create it as docs/ci.md#updating-pinned-actions shows.");
        }

        var pins = new Dictionary<string, ActionPin>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var entry in document.RootElement.GetProperty("actions").EnumerateObject())
            {
                var sha = entry.Value.GetProperty("sha").GetString() ?? "";
                var version = entry.Value.GetProperty("version").GetString() ?? "";
                if (!GitHubActionsCatalog.IsCommitSha(sha))
                {
                    throw new BuildDefinitionException($"{relativePath}: {entry.Name} must be pinned to a full 40-character commit SHA (lower-case hex), not '{sha}'.");
                }

                Version(version, relativePath, entry.Name);
                pins[entry.Name] = new ActionPin(entry.Name, sha, version);
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BuildDefinitionException(
                $"{relativePath} is not an action pins file ({exception.Message}): it needs {{\"actions\": {{\"owner/repo\": {{\"sha\": \"<40 hex>\", \"version\": \"vX.Y.Z\"}}}}}}.");
        }

        return pins;
    }

    /// <summary>Every uses: line of the committed workflows (.github/workflows/*.yml and *.yaml).</summary>
    private static IEnumerable<UsesLine> CommittedUses(AbsolutePath root)
    {
        var directory = root / ".github" / "workflows";
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(file => file.EndsWith(".yml", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .SelectMany(file => UsesLine.Read($".github/workflows/{Path.GetFileName(file)}", File.ReadAllText(file)))
            : [];
    }

    /// <summary>A pinned action's line must keep the form Dependabot keeps: a commit SHA and its release as a comment.</summary>
    private static (ActionPin Pin, ActionVersion Version) FromWorkflow(UsesLine line)
    {
        if (!line.IsCommitSha || line.Comment is null || ActionVersion.TryParse(line.Comment) is not { } version)
        {
            throw new BuildDefinitionException(
                $"{line.Location}: uses: {line.Action}@{line.Ref}{(line.Comment is null ? "" : " # " + line.Comment)} is not a pin: a pinned action is " +
                $"written {line.Action}@<40-character commit SHA> # vX.Y.Z (the release the commit is). Restore the line " +
                "(git checkout the file) or give it the SHA and version comment of the release you mean.");
        }

        return (new ActionPin(line.Action, line.Ref, line.Comment), version);
    }

    private static ActionVersion Version(string version, string source, string action) =>
        ActionVersion.TryParse(version)
        ?? throw new BuildDefinitionException($"{source}: {action} has version '{version}', which is no release (vX.Y.Z): pins are compared by it.");

    private static string Render(IEnumerable<ActionPin> pins)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"$comment\": ").Append(JsonSerializer.Serialize(Comment)).Append(",\n  \"actions\": {\n");
        text.AppendJoin(",\n", pins.Select(pin =>
            $"    {JsonSerializer.Serialize(pin.Action)}: {{ \"sha\": {JsonSerializer.Serialize(pin.Sha)}, \"version\": {JsonSerializer.Serialize(pin.Version)} }}"));
        return text.Append("\n  }\n}\n").ToString();
    }
}

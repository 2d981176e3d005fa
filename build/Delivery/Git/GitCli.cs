using Tooling;

namespace Delivery.Git;

/// <summary>
/// The few questions the delivery build asks git, answered by the git CLI through the engine's
/// <see cref="Tool"/> (so every call is logged like any other tool the build starts).
/// </summary>
public sealed class GitCli(Tool git, string workingDirectory)
{
    private const string InstallHint = "Install git (https://git-scm.com) and make sure it is on PATH.";

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>True inside a git work tree; false for a plain directory (no exception: callers decide).</summary>
    public async Task<bool> IsRepositoryAsync() =>
        (await TryRunAsync("rev-parse", "--is-inside-work-tree")) == "true";

    /// <summary>A shallow clone lacks the history GitVersion counts commits and finds tags in.</summary>
    public async Task<bool> IsShallowAsync() =>
        await RunAsync("rev-parse", "--is-shallow-repository") == "true";

    public Task<string> HeadShaAsync() => RunAsync("rev-parse", "HEAD");

    /// <summary>The checked-out branch, or null on a detached HEAD.</summary>
    public async Task<string?> CurrentBranchAsync() => NullIfEmpty(await TryRunAsync("symbolic-ref", "--quiet", "--short", "HEAD"));

    public async Task<IReadOnlyList<string>> TagsAtHeadAsync() =>
        (await RunAsync("tag", "--points-at", "HEAD")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The committer date of HEAD: the image's creation time, stable across rebuilds of one commit.</summary>
    public async Task<DateTimeOffset> HeadCommitTimeAsync() =>
        DateTimeOffset.Parse(await RunAsync("log", "-1", "--format=%cI", "HEAD"), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<string?> RemoteUrlAsync(string remote) => NullIfEmpty(await TryRunAsync("remote", "get-url", remote));

    /// <summary>The remote's default branch as the clone recorded it (refs/remotes/origin/HEAD), if it did.</summary>
    public async Task<string?> RemoteDefaultBranchAsync(string remote)
    {
        var head = await TryRunAsync("symbolic-ref", "--quiet", "--short", $"refs/remotes/{remote}/HEAD");
        return head is { Length: > 0 } && head.StartsWith(remote + "/", StringComparison.Ordinal) ? head[(remote.Length + 1)..] : null;
    }

    private async Task<string> RunAsync(params string[] arguments) =>
        (await git(arguments, Options(throwOnFailure: true))).StandardOutput.Trim();

    private async Task<string?> TryRunAsync(params string[] arguments)
    {
        var result = await git(arguments, Options(throwOnFailure: false));
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private ToolOptions Options(bool throwOnFailure) =>
        new() { WorkingDirectory = WorkingDirectory, LogOutput = false, ThrowOnFailure = throwOnFailure, InstallHint = InstallHint };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

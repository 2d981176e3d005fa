using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// The repository as GitHub would hold it for one event: a bare clone of the local repository (the rehearsal's
/// "origin", which every job's checkout fetches from), the commit the event is for, and for a pull request the
/// refs GitHub creates (refs/pull/1/head and the test merge commit refs/pull/1/merge).
/// </summary>
public sealed partial record RehearsalRepository(
    string FullName,
    string DefaultBranch,
    string OriginDirectory,
    string Ref,
    string Sha,
    string? HeadRef,
    string? HeadSha,
    string? BaseSha,
    string? Note)
{
    public const int PullRequestNumber = 1;

    public string Owner => FullName.Split('/')[0];

    public string Name => FullName.Split('/')[1];

    /// <summary>Prepares origin.git in <paramref name="runDirectory"/> for <paramref name="request"/>.</summary>
    public static async Task<RehearsalRepository> PrepareAsync(RehearsalTools tools, AbsolutePath root, AbsolutePath runDirectory, RehearsalRequest request)
    {
        var quiet = new ToolOptions { LogOutput = false };
        async Task<string> Git(string directory, params string[] arguments) =>
            (await tools.Git(["-C", directory, .. arguments], quiet)).StandardOutput.Trim();
        async Task<string?> TryResolve(string directory, string reference)
        {
            var result = await tools.Git(["-C", directory, "rev-parse", "--verify", "--quiet", reference + "^{commit}"],
                quiet with { ThrowOnFailure = false });
            return result.Succeeded ? result.StandardOutput.Trim() : null;
        }

        var defaultBranch = await DefaultBranchAsync(tools, root);

        var origin = runDirectory / "origin.git";
        await tools.Git(["clone", "--bare", "--quiet", "--no-hardlinks", root, origin], quiet);
        var fullName = await RepositoryNameAsync(tools, root);

        string? note = null;
        var sha = await TryResolve(origin, request.Ref.Value);
        if (sha is null && request.Ref.IsTag)
        {
            // A release as it is made: a new tag pushed on the commit at hand.
            sha = await TryResolve(root, "HEAD")
                ?? throw new BuildFailedException("The repository has no commit to tag; commit first.");
            await Git(origin, "tag", request.Ref.Name, sha);
            note = $"tag {request.Ref.Name} does not exist locally: created on HEAD ({sha[..7]}) in the rehearsal's origin, as `git push origin {request.Ref.Name}` would";
        }

        if (sha is null)
        {
            throw new BuildFailedException(
                $"--rehearse-ref {request.Ref} does not exist in this repository. Create the branch (git branch {request.Ref.Name}) or pass an existing one; a tag that does not exist is created on HEAD.");
        }

        if (!request.IsPullRequest)
        {
            return new RehearsalRepository(fullName, defaultBranch, origin, request.Ref.Value, sha, null, null, null, note);
        }

        // GitHub runs pull_request workflows on a test merge of the head into the base branch.
        var baseSha = (await TryResolve(origin, $"refs/heads/{defaultBranch}"))!;
        var merge = await tools.Git(["-C", origin, "merge-tree", "--write-tree", baseSha, sha], quiet with { ThrowOnFailure = false });
        if (!merge.Succeeded)
        {
            throw new BuildFailedException(
                $"{request.Ref.Name} does not merge cleanly into {defaultBranch}; GitHub would not run the pull request's workflows either. Merge or rebase first.");
        }

        var tree = merge.StandardOutputLines[0].Trim();
        var mergeSha = (await tools.Git(["-C", origin, "commit-tree", tree, "-p", baseSha, "-p", sha, "-m", $"Merge {sha} into {baseSha}"],
            quiet with { Environment = CommitIdentity })).StandardOutput.Trim();
        await Git(origin, "update-ref", $"refs/pull/{PullRequestNumber}/head", sha);
        await Git(origin, "update-ref", $"refs/pull/{PullRequestNumber}/merge", mergeSha);
        return new RehearsalRepository(fullName, defaultBranch, origin, $"refs/pull/{PullRequestNumber}/merge", mergeSha,
            request.Ref.Value, sha, baseSha, note);
    }

    /// <summary>The branch that plays the default branch: main, else master (a local branch of that name must exist).</summary>
    public static async Task<string> DefaultBranchAsync(RehearsalTools tools, AbsolutePath root)
    {
        foreach (var candidate in new[] { "main", "master" })
        {
            var exists = await tools.Git(["-C", root, "rev-parse", "--verify", "--quiet", $"refs/heads/{candidate}^{{commit}}"],
                new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            if (exists.Succeeded)
            {
                return candidate;
            }
        }

        throw new BuildFailedException("The repository has neither a main nor a master branch to play the default branch: create one (git branch main) and rehearse again.");
    }

    /// <summary>
    /// A job's own copy of origin, which its runner user will own: git refuses to fetch from a repository another
    /// user owns (safe.directory), and a job must not be able to change what the next job fetches anyway.
    /// </summary>
    public async Task<string> CopyOriginAsync(RehearsalTools tools, string destination)
    {
        var quiet = new ToolOptions { LogOutput = false };
        await tools.Git(["clone", "--mirror", "--quiet", "--no-hardlinks", OriginDirectory, destination], quiet);
        // Shallow checkouts (fetch-depth: 1) fetch one commit by its id, as actions/checkout does; each job fetches from
        // its own copy, so this is the one that needs it.
        await tools.Git(["-C", destination, "config", "uploadpack.allowAnySHA1InWant", "true"], quiet);
        return destination;
    }

    /// <summary>owner/name from a GitHub remote, else rehearsal/&lt;folder&gt; (what the image name is derived from).</summary>
    private static async Task<string> RepositoryNameAsync(RehearsalTools tools, AbsolutePath root)
    {
        var remote = await tools.Git(["-C", root, "remote", "get-url", "origin"], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        if (remote.Succeeded && GitHubRemote().Match(remote.StandardOutput.Trim()) is { Success: true } match)
        {
            return $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}";
        }

        var folder = Regex.Replace(root.Name.ToLowerInvariant(), "[^a-z0-9._-]", "-");
        return $"rehearsal/{folder}";
    }

    private static readonly Dictionary<string, string?> CommitIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "GitHub",
        ["GIT_AUTHOR_EMAIL"] = "noreply@github.com",
        ["GIT_COMMITTER_NAME"] = "GitHub",
        ["GIT_COMMITTER_EMAIL"] = "noreply@github.com",
    };

    [GeneratedRegex(@"github\.com[:/](?<owner>[^/]+)/(?<name>[^/]+?)(\.git)?$")]
    private static partial Regex GitHubRemote();
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// What a registry API request under <c>/v2/</c> touches: the repository (<c>acme/gateway</c>), the kind of object
/// (<c>manifests</c>, <c>blobs</c>, <c>tags</c>, <c>referrers</c>), the rest of the path (a tag, a digest, an upload),
/// and the action a token needs for it: <c>pull</c> to read, <c>push</c> to write. <c>/v2/</c> itself has no repository.
/// </summary>
internal sealed partial record GhcrTarget(string? Repository, string? Kind, string Rest, string Action)
{
    public bool IsManifest => Kind == "manifests";

    /// <summary>The package owner: the repository's first segment (<c>acme</c> of <c>acme/gateway</c>).</summary>
    public string Owner => Repository!.Split('/')[0];

    /// <summary>The package: the repository after the owner (<c>gateway</c>), as GHCR names container packages.</summary>
    public string Package => Repository![(Owner.Length + 1)..];

    /// <summary>A manifest reference that is a tag, not a digest (a digest is <c>algorithm:hex</c>; a tag has no colon).</summary>
    public string? Tag => IsManifest && !Rest.Contains(':', StringComparison.Ordinal) ? Rest : null;

    /// <summary>GitHub's permission behind the action, as the request log names it.</summary>
    public string Permission => Action == "pull" ? "packages=read" : "packages=write";

    /// <summary>The target of <paramref name="request"/>, or null for a path the registry API does not have.</summary>
    public static GhcrTarget? Of(HttpRequest request)
    {
        var action = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "pull" : "push";
        var path = request.Path.Value ?? "";
        if (path is "/v2/" or "/v2")
        {
            return new GhcrTarget(null, null, "", action);
        }

        var match = RepositoryPath().Match(path);
        return match.Success ? new GhcrTarget(match.Groups["name"].Value, match.Groups["kind"].Value, match.Groups["rest"].Value, action) : null;
    }

    /// <summary>The distribution spec's repository name grammar, then the object kind and the rest.</summary>
    [GeneratedRegex("^/v2/(?<name>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+)/(?<kind>manifests|blobs|tags|referrers)/(?<rest>.*)$")]
    private static partial Regex RepositoryPath();
}

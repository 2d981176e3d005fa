using Delivery.Events;

namespace Delivery.Provenance;

/// <summary>
/// The source the image was built from: the repository, the ref and the commit, as an SLSA resolved dependency
/// (<c>git+https://github.com/owner/name@refs/tags/v1.2.3</c> with the digest <c>gitCommit</c>).
/// </summary>
public sealed record BuildSource(string RepositoryUri, string Ref, string Commit)
{
    /// <summary>The repository on its server when the build knows it (GitHub, or the clone's origin); else the local checkout.</summary>
    public static BuildSource From(EventContext context, string checkoutDirectory) =>
        new(context.RepositoryUrl ?? new Uri(Path.GetFullPath(checkoutDirectory)).AbsoluteUri, context.Ref, context.Sha);

    /// <summary>SPDX download location form: <c>git+&lt;repository&gt;@&lt;ref&gt;</c> (no <c>@</c> on a detached HEAD).</summary>
    public string Uri => Ref.Length > 0 ? $"git+{RepositoryUri}@{Ref}" : $"git+{RepositoryUri}";
}

namespace Delivery.Storage;

/// <summary>What a tag read back from the registry says about its image, for the cleanup (docs/versioning.md's tag table).</summary>
public enum TagKind
{
    /// <summary><c>1.2.3</c>, <c>1.2</c>, <c>1</c>, <c>latest</c>: kept forever.</summary>
    StableRelease,

    /// <summary><c>2.0.0-rc.1</c> (rc, alpha, beta, preview, pre), from a git tag: not a branch's build; kept for a time.</summary>
    ReleaseCandidate,

    /// <summary>GitVersion's build version: <c>1.2.4-3</c> on the default branch, <c>1.3.0-Foo.1</c> on the branch labelled Foo.</summary>
    BuildVersion,

    /// <summary>A branch's moving tag: <c>main</c>, <c>edge</c>, <c>feature-foo</c>; the branch's current image.</summary>
    BranchTag,

    /// <summary><c>pr-42</c> (and a <c>PullRequest42</c> build version): expires after a number of days.</summary>
    PullRequest,

    /// <summary><c>sha-860c190</c>: expires after a number of days unless another tag keeps the image.</summary>
    Commit,

    /// <summary>
    /// <c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>, and the bare <c>sha256-&lt;hex&gt;</c> of a referrers index:
    /// cosign's artefact of another digest; it goes with its subject.
    /// </summary>
    CosignArtefact,
}

using Delivery.Retention;
using Delivery.Versioning;

namespace Delivery.Storage;

/// <summary>
/// One tag as the cleanup reads it. <see cref="Lineage"/> names the branch whose builds the tag belongs to (the
/// default branch for <c>main</c> and <c>1.2.4-3</c>, the GitVersion label for <c>1.3.0-Foo.1</c>); <see cref="Subject"/>
/// is a cosign artefact's subject digest.
/// </summary>
public sealed record TagMeaning(string Tag, TagKind Kind, string? Lineage = null, string? Subject = null, string? ArtefactKind = null)
{
    private static readonly string[] ReleaseCandidateLabels = ["rc", "alpha", "beta", "preview", "pre"];

    public static TagMeaning Read(string tag, string defaultBranch)
    {
        if (CosignArtefactTag.TryParse(tag) is { } artefact)
        {
            return new TagMeaning(tag, TagKind.CosignArtefact, Subject: artefact.Subject, ArtefactKind: artefact.Kind);
        }

        return RetentionPolicy.Classify(tag, defaultBranch) switch
        {
            RetentionClass.StableRelease => new TagMeaning(tag, TagKind.StableRelease),
            RetentionClass.DefaultBranch => new TagMeaning(tag, TagKind.BranchTag, defaultBranch),
            RetentionClass.Branch => new TagMeaning(tag, TagKind.BranchTag, tag),
            RetentionClass.PullRequest => new TagMeaning(tag, TagKind.PullRequest),
            RetentionClass.Commit => new TagMeaning(tag, TagKind.Commit),
            _ => ReadPreRelease(tag, SemanticVersion.TryParse(tag)!, defaultBranch),
        };
    }

    /// <summary>
    /// GitVersion's build versions end in a build counter: <c>-3</c> on the default branch (empty label),
    /// <c>-Foo.1</c> on a branch labelled Foo; a release candidate's label is one of the release labels.
    /// </summary>
    private static TagMeaning ReadPreRelease(string tag, SemanticVersion version, string defaultBranch)
    {
        var identifiers = version.PreRelease.Split('.');
        var label = identifiers.Length > 1 && identifiers[^1].All(char.IsAsciiDigit)
            ? string.Join('.', identifiers[..^1])
            : identifiers.All(identifier => identifier.All(char.IsAsciiDigit)) ? "" : version.PreRelease;
        if (label.Length == 0)
        {
            return new TagMeaning(tag, TagKind.BuildVersion, defaultBranch);
        }

        // rc.1 and rc1 alike.
        if (ReleaseCandidateLabels.Contains(label.TrimEnd("0123456789".ToCharArray()), StringComparer.OrdinalIgnoreCase))
        {
            return new TagMeaning(tag, TagKind.ReleaseCandidate);
        }

        return label.StartsWith("PullRequest", StringComparison.OrdinalIgnoreCase)
            ? new TagMeaning(tag, TagKind.PullRequest)
            : new TagMeaning(tag, TagKind.BuildVersion, label);
    }
}

using System.Text.RegularExpressions;

namespace Delivery.Storage;

/// <summary>
/// cosign's tag-based artefacts: a signature of <c>sha256:&lt;hex&gt;</c> is pushed as the tag <c>sha256-&lt;hex&gt;.sig</c>,
/// an attestation as <c>….att</c>, an attached SBOM as <c>….sbom</c>. cosign 3 stores signatures as OCI referrers; on a
/// registry without the Referrers API (GHCR) it keeps them in a referrers index tagged <c>sha256-&lt;hex&gt;</c> with no
/// suffix (the OCI distribution spec's fallback tag schema). The tag names the subject; the manifest does not. Read as a
/// branch tag, a referrers index would be kept forever and keep its subject with it.
/// </summary>
public static partial class CosignArtefactTag
{
    /// <summary>The subject digest and the artefact's kind (signature, attestation, sbom, referrers index), or null for any other tag.</summary>
    public static (string Subject, string Kind)? TryParse(string tag)
    {
        var match = Grammar().Match(tag);
        if (!match.Success)
        {
            return null;
        }

        var kind = match.Groups["suffix"].Value switch
        {
            "sig" => "signature",
            "att" => "attestation",
            "sbom" => "sbom",
            _ => "referrers index",
        };
        return ($"{match.Groups["algorithm"].Value}:{match.Groups["hex"].Value}", kind);
    }

    // Each algorithm with its own digest length: a bare tag is easy to mistake, so sha256- with 128 hex digits is a branch tag.
    [GeneratedRegex("^(?:(?<algorithm>sha256)-(?<hex>[0-9a-f]{64})|(?<algorithm>sha512)-(?<hex>[0-9a-f]{128}))(?:\\.(?<suffix>sig|att|sbom))?$")]
    private static partial Regex Grammar();
}

using System.Text.RegularExpressions;

namespace Delivery.Storage;

/// <summary>
/// cosign's tag-based artefacts: a signature of <c>sha256:&lt;hex&gt;</c> is pushed as the tag <c>sha256-&lt;hex&gt;.sig</c>,
/// an attestation as <c>….att</c>, an attached SBOM as <c>….sbom</c>. The tag names the subject; the manifest does not.
/// </summary>
public static partial class CosignArtefactTag
{
    /// <summary>The subject digest and the artefact's kind (signature, attestation, sbom), or null for any other tag.</summary>
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
            _ => "sbom",
        };
        return ($"{match.Groups["algorithm"].Value}:{match.Groups["hex"].Value}", kind);
    }

    [GeneratedRegex("^(?<algorithm>sha256|sha512)-(?<hex>[0-9a-f]{64}|[0-9a-f]{128})\\.(?<suffix>sig|att|sbom)$")]
    private static partial Regex Grammar();
}

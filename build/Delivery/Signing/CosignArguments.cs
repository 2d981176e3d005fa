namespace Delivery.Signing;

/// <summary>cosign's command lines for each signing mode (pure, so tests can read them). Images are always named by digest.</summary>
public static class CosignArguments
{
    /// <summary>Signs the digest and, with --recursive, each platform manifest of a multi-arch index.</summary>
    public static IReadOnlyList<string> Sign(SigningMode mode, string imageByDigest) =>
        ["sign", "--yes", "--recursive", .. SigningFlags(mode), imageByDigest];

    public static IReadOnlyList<string> Verify(SigningMode mode, string imageByDigest) =>
        ["verify", .. VerificationFlags(mode), "--output", "json", imageByDigest];

    /// <summary>
    /// Attests one digest. cosign 2.5's <c>attest --recursive</c> leaves a multi-arch index's platform manifests
    /// without an attestation (checked: verify-attestation on them finds none), so each digest is attested on its own.
    /// </summary>
    public static IReadOnlyList<string> Attest(SigningMode mode, string predicateType, string predicateFile, string imageByDigest) =>
        ["attest", "--yes", "--type", predicateType, "--predicate", predicateFile, .. SigningFlags(mode), imageByDigest];

    public static IReadOnlyList<string> VerifyAttestation(SigningMode mode, string predicateType, string imageByDigest) =>
        ["verify-attestation", "--type", predicateType, .. VerificationFlags(mode), "--output", "json", imageByDigest];

    private static IEnumerable<string> SigningFlags(SigningMode mode) => mode switch
    {
        KeylessSigning => [],
        // Keyed signing is the offline mode: no Rekor to upload to.
        KeyedSigning keyed => ["--key", keyed.PrivateKeyPath, "--tlog-upload=false"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static IEnumerable<string> VerificationFlags(SigningMode mode) => mode switch
    {
        KeylessSigning keyless =>
            ["--certificate-identity-regexp", keyless.CertificateIdentityRegexp, "--certificate-oidc-issuer", keyless.CertificateOidcIssuer],
        KeyedSigning keyed => ["--key", keyed.PublicKeyPath, "--insecure-ignore-tlog=true"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

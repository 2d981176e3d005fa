namespace Delivery.Signing;

/// <summary>How cosign signs and verifies: keyless (GitHub's OIDC token, Fulcio and Rekor) or with a key pair.</summary>
public abstract record SigningMode;

/// <summary>
/// Keyless, on GitHub Actions: the certificate names the workflow run; verification checks that identity and
/// the issuer. Signatures go to the public transparency log (Rekor).
/// </summary>
public sealed record KeylessSigning(string CertificateIdentityRegexp, string CertificateOidcIssuer) : SigningMode;

/// <summary>
/// With a key pair (the key's password reaches cosign as COSIGN_PASSWORD, never as an argument). Used off GitHub,
/// where there is no OIDC token and usually no internet: nothing is uploaded to the transparency log.
/// </summary>
public sealed record KeyedSigning(string PrivateKeyPath, string PublicKeyPath) : SigningMode;

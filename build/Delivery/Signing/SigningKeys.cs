namespace Delivery.Signing;

/// <summary>The key material given as parameters: the private key (path or PEM), its password, the public key (path or PEM).</summary>
public sealed record SigningKeys(string? PrivateKey, string? Password, string? PublicKey)
{
    // Key material and password never reach a log through a record's generated ToString.
    public override string ToString() => $"SigningKeys(private key {(PrivateKey is null ? "absent" : "given")})";
}

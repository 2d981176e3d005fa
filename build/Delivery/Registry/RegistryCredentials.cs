namespace Delivery.Registry;

/// <summary>A user name and password (or token) for one registry; <see cref="Source"/> says where they came from, for the log.</summary>
public sealed record RegistryCredentials(string Registry, string Username, string Password, string Source)
{
    // The password must never reach a log through a record's generated ToString.
    public override string ToString() => $"{Username} at {Registry} ({Source})";
}

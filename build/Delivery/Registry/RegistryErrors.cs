namespace Delivery.Registry;

/// <summary>
/// Tells a registry error worth retrying (timeouts, resets, 5xx, rate limits) from one that will fail again
/// (rejected credentials, no permission, unknown repository): retrying those only delays the error.
/// </summary>
public static class RegistryErrors
{
    private static readonly string[] PermanentMarkers =
    [
        "unauthorized", "authentication required", "denied", "forbidden", "no basic auth credentials",
        "name unknown", "manifest invalid", "invalid reference format", "does not exist", "no such image",
    ];

    public static bool IsTransient(IEnumerable<string> errorLines) =>
        !errorLines.Any(line => PermanentMarkers.Any(marker => line.Contains(marker, StringComparison.OrdinalIgnoreCase)));
}

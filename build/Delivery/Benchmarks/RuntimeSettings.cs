namespace Delivery.Benchmarks;

/// <summary>
/// The .NET runtime settings an image sets in its environment (<c>DOTNET_*</c> knobs such as
/// <c>DOTNET_TC_CallCountingDelayMs</c>), so a host process of the same build runs with the same ones: the host and
/// container figures then differ only by the container, not by a runtime setting the image carries.
/// </summary>
public static class RuntimeSettings
{
    // Set by the base image to describe itself; they change no runtime behaviour.
    private static readonly string[] Descriptive = ["DOTNET_VERSION", "DOTNET_RUNNING_IN_CONTAINER"];

    public static IReadOnlyDictionary<string, string> FromImageEnvironment(IEnumerable<string> environment) =>
        environment
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].StartsWith("DOTNET_", StringComparison.Ordinal) && !Descriptive.Contains(pair[0]))
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
}

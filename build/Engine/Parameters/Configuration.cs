namespace BuildEngine;

/// <summary>The MSBuild configuration to build.</summary>
public sealed class Configuration(string value) : Enumeration(value)
{
    public static readonly Configuration Debug = new(nameof(Debug));
    public static readonly Configuration Release = new(nameof(Release));
}

namespace BuildEngine;

/// <summary>
/// Marks a field or property of the build as a parameter: set from the command line (--kebab-name),
/// the environment (Name, NAME_WITH_UNDERSCORES or NUKE_NAME) or .nuke/parameters*.json and --parameters-file, in
/// that order. A <see cref="SecretAttribute"/> parameter only from the environment or a file outside the repository.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>
    /// Taken from the command line only, for switches whose effect cannot be undone (deleting, publishing): a value
    /// left in the environment or a parameters file fails the build instead of acting unnoticed.
    /// </summary>
    public bool CommandLineOnly { get; set; }
}

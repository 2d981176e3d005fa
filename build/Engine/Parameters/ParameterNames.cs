using System.Text;

namespace BuildEngine;

/// <summary>How a parameter's member name appears on the command line and how names are compared.</summary>
internal static class ParameterNames
{
    /// <summary><c>RegistryPassword</c> becomes <c>registry-password</c>.</summary>
    public static string ToKebabCase(string memberName)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < memberName.Length; i++)
        {
            var character = memberName[i];
            var startsWord = char.IsUpper(character) && i > 0 &&
                (!char.IsUpper(memberName[i - 1]) || (i + 1 < memberName.Length && char.IsLower(memberName[i + 1])));
            if (startsWord)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The comparison key: case, dashes and underscores ignored, so <c>--registry-password</c>,
    /// <c>REGISTRY_PASSWORD</c> and <c>RegistryPassword</c> all name the same parameter.
    /// </summary>
    public static string Normalize(string name) =>
        name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>
    /// Whether environment variable <paramref name="variable"/> sets the parameter whose comparison key is <paramref name="key"/>
    /// (<see cref="Normalize"/>): REGISTRY_PASSWORD, RegistryPassword and NUKE_REGISTRY_PASSWORD all set --registry-password.
    /// </summary>
    public static bool IsEnvironmentNameOf(string variable, string key) =>
        Normalize(variable) is var normalized && (normalized == key || normalized == "NUKE" + key);

    /// <summary><c>RegistryPassword</c> becomes <c>REGISTRY_PASSWORD</c>.</summary>
    public static string ToEnvironmentName(string memberName) => ToKebabCase(memberName).Replace('-', '_').ToUpperInvariant();
}

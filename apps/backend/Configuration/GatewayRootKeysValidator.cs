using System.Reflection;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>
/// The root <c>Gateway</c> section is bound leniently because its sub-sections live in it too; this check
/// turns any other unknown key (a misspelt <c>MaxRequestBodySize</c>, a section nothing reads) into a
/// start-up error. Known keys are GatewayOptions' properties and the registered sub-sections, never a list kept by hand.
/// </summary>
public sealed class GatewayRootKeysValidator(IConfiguration configuration, IEnumerable<GatewaySubSection> subSections) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var known = typeof(GatewayOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .Select(property => property.Name)
            .Concat(subSections.Select(section => section.ChildKey).OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = configuration.GetSection(GatewayOptions.SectionName).GetChildren()
            .Select(child => child.Key)
            .Where(key => !known.Contains(key))
            .ToList();
        if (unknown.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var expected = string.Join(", ", known.Order(StringComparer.Ordinal));
        return ValidateOptionsResult.Fail(unknown.Select(key => $"{GatewayOptions.SectionName}:{key} is not a known setting; the Gateway section takes {expected}."));
    }
}

using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Authorization policies are only satisfiable when JWT validation is configured, so both are checked together.</summary>
public sealed class AuthorizationPolicyOptionsValidator(IOptions<JwtOptions> jwt) : IValidateOptions<AuthorizationPolicyOptions>
{
    private static readonly string[] ReservedNames = ["default", "anonymous"];

    public ValidateOptionsResult Validate(string? name, AuthorizationPolicyOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.Policies.Count > 0 && !jwt.Value.IsConfigured)
        {
            result.AddError($"{AuthorizationPolicyOptions.SectionName}:Policies requires {JwtOptions.SectionName}:Authority or {JwtOptions.SectionName}:SigningKey to be set.");
        }

        foreach (var policyName in options.Policies.Keys.Where(policyName => ReservedNames.Contains(policyName, StringComparer.OrdinalIgnoreCase)))
        {
            result.AddError($"{AuthorizationPolicyOptions.SectionName}:Policies:{policyName} uses a name YARP reserves; pick another name.");
        }

        return result.Build();
    }
}

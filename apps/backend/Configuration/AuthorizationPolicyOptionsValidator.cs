using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Authorization policies are only satisfiable when a credential is validated, so they are checked together with JWT and API keys.</summary>
public sealed class AuthorizationPolicyOptionsValidator(IOptions<JwtOptions> jwt, IOptions<ApiKeyOptions> apiKeys) : IValidateOptions<AuthorizationPolicyOptions>
{
    private static readonly string[] ReservedNames = ["default", "anonymous"];

    public ValidateOptionsResult Validate(string? name, AuthorizationPolicyOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.Policies.Count > 0 && !jwt.Value.IsConfigured && !apiKeys.Value.IsConfigured)
        {
            result.AddError($"{AuthorizationPolicyOptions.SectionName}:Policies requires {JwtOptions.SectionName}:Authority or {JwtOptions.SectionName}:SigningKey, or {ApiKeyOptions.SectionName}:Clients, to be set.");
        }

        foreach (var policyName in options.Policies.Keys.Where(policyName => ReservedNames.Contains(policyName, StringComparer.OrdinalIgnoreCase)))
        {
            result.AddError($"{AuthorizationPolicyOptions.SectionName}:Policies:{policyName} uses a name YARP reserves; pick another name.");
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            ValidateSchemes(result, $"{AuthorizationPolicyOptions.SectionName}:Policies:{policyName}:{nameof(policy.Schemes)}", policy.Schemes);
        }

        return result.Build();
    }

    private void ValidateSchemes(ValidateOptionsResultBuilder result, string key, string[] schemes)
    {
        foreach (var scheme in schemes)
        {
            if (!GatewaySchemes.Selectable.Contains(scheme, StringComparer.Ordinal))
            {
                result.AddError($"{key} contains '{scheme}'; the schemes are {string.Join(" and ", GatewaySchemes.Selectable)}.");
            }
            else if (scheme == GatewaySchemes.Bearer && !jwt.Value.IsConfigured)
            {
                result.AddError($"{key} lists {GatewaySchemes.Bearer}, which needs {JwtOptions.SectionName}:Authority or {JwtOptions.SectionName}:SigningKey.");
            }
            else if (scheme == GatewaySchemes.ApiKey && !apiKeys.Value.IsConfigured)
            {
                result.AddError($"{key} lists {GatewaySchemes.ApiKey}, which needs {ApiKeyOptions.SectionName}:Clients.");
            }
        }
    }
}

using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class CorsPolicyOptionsValidator : IValidateOptions<CorsPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsPolicyOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (var (policyName, policy) in options.Policies)
        {
            var key = $"{CorsPolicyOptions.SectionName}:Policies:{policyName}";
            if (policy.AllowedOrigins.Length == 0)
            {
                result.AddError($"{key}:{nameof(policy.AllowedOrigins)} must list at least one origin.");
            }

            if (policy.AllowCredentials && policy.AllowedOrigins.Contains("*"))
            {
                result.AddError($"{key}:{nameof(policy.AllowCredentials)} cannot be combined with the '*' origin.");
            }

            foreach (var origin in policy.AllowedOrigins.Where(origin => origin != "*" && !Uri.TryCreate(origin, UriKind.Absolute, out _)))
            {
                result.AddError($"{key}:{nameof(policy.AllowedOrigins)} contains '{origin}', which is not an absolute origin such as https://app.example.com.");
            }
        }

        return result.Build();
    }
}

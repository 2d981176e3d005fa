using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class TimeoutOptionsValidator : IValidateOptions<TimeoutOptions>
{
    public ValidateOptionsResult Validate(string? name, TimeoutOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (var (policyName, timeout) in options.Policies.Where(policy => policy.Value <= TimeSpan.Zero))
        {
            result.AddError($"{TimeoutOptions.SectionName}:Policies:{policyName} must be a positive time span (was {timeout}).");
        }

        return result.Build();
    }
}

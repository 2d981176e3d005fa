using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (var (policyName, policy) in options.Policies)
        {
            var key = $"{RateLimitingOptions.SectionName}:Policies:{policyName}";
            if (policy.PermitLimit <= 0)
            {
                result.AddError($"{key}:{nameof(policy.PermitLimit)} must be greater than 0 (was {policy.PermitLimit}).");
            }

            if (policy.Window <= TimeSpan.Zero)
            {
                result.AddError($"{key}:{nameof(policy.Window)} must be positive (was {policy.Window}).");
            }

            if (policy.PartitionBy == RateLimitPartition.ApiKey && string.IsNullOrWhiteSpace(policy.ApiKeyHeader))
            {
                result.AddError($"{key}:{nameof(policy.ApiKeyHeader)} is required when PartitionBy is ApiKey.");
            }
        }

        return result.Build();
    }
}

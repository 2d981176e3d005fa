using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Checks the policies and the global limit; API-key partitioning is checked against <c>Gateway:ApiKeys</c>.</summary>
public sealed class RateLimitingOptionsValidator(IOptions<ApiKeyOptions> apiKeys) : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        foreach (var (policyName, policy) in options.Policies)
        {
            var key = $"{RateLimitingOptions.SectionName}:Policies:{policyName}";
            ValidateWindow(result, key, policy.PermitLimit, policy.Window);
            if (policy.ApiKeyHeader is not null)
            {
                result.AddError($"{key}:{nameof(policy.ApiKeyHeader)} is no longer used: only validated API keys count, and {ApiKeyOptions.SectionName}:Header names their header. Remove it.");
            }

            if (policy.PartitionBy == RateLimitPartition.ApiKey && !apiKeys.Value.IsConfigured)
            {
                // Without validated keys every key is unknown and counts against its client address;
                // saying so beats silently merging what used to be per-key budgets.
                result.AddError($"{key}:{nameof(policy.PartitionBy)} ApiKey needs {ApiKeyOptions.SectionName}:Clients (only validated keys get a budget of their own); configure the clients or use Identity or ClientIp.");
            }
        }

        if (options.Global is { } global)
        {
            ValidateWindow(result, $"{RateLimitingOptions.SectionName}:{nameof(options.Global)}", global.PermitLimit, global.Window);
        }

        return result.Build();
    }

    private static void ValidateWindow(ValidateOptionsResultBuilder result, string key, int permitLimit, TimeSpan window)
    {
        if (permitLimit <= 0)
        {
            result.AddError($"{key}:PermitLimit must be greater than 0 (was {permitLimit}).");
        }

        if (window <= TimeSpan.Zero)
        {
            result.AddError($"{key}:Window must be positive (was {window}).");
        }
    }
}

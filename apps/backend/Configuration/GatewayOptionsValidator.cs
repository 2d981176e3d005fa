using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Section = GatewayOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            result.AddError($"{Section}:{nameof(options.DrainTimeout)} must be between 00:00:00 and 00:10:00 (was {options.DrainTimeout}).");
        }

        if (options.MaxRequestBodySize <= 0)
        {
            result.AddError($"{Section}:{nameof(options.MaxRequestBodySize)} must be a positive number of bytes (was {options.MaxRequestBodySize}).");
        }

        if (options.UpstreamConnectTimeout <= TimeSpan.Zero)
        {
            result.AddError($"{Section}:{nameof(options.UpstreamConnectTimeout)} must be positive (was {options.UpstreamConnectTimeout}).");
        }

        return result.Build();
    }
}

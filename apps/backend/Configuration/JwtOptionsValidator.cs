using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    private const int MinimumSigningKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        const string Section = JwtOptions.SectionName;
        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            result.AddError($"{Section}:{nameof(options.Authority)} must be an absolute URI (was '{options.Authority}').");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !string.IsNullOrWhiteSpace(options.SigningKey))
        {
            // With both, tokens would be checked against the authority's keys and the shared key alike: one too many ways in.
            result.AddError($"{Section}:{nameof(options.Authority)} and {Section}:{nameof(options.SigningKey)} are both set; set only one (Authority with an identity provider, SigningKey without).");
        }

        if (options.SigningKey is { Length: > 0 and < MinimumSigningKeyLength })
        {
            // HS256 needs a 256-bit key; shorter keys are rejected by the token handler at request time.
            result.AddError($"{Section}:{nameof(options.SigningKey)} must be at least {MinimumSigningKeyLength} characters.");
        }

        if (options.IsConfigured && string.IsNullOrWhiteSpace(options.Audience))
        {
            result.AddError($"{Section}:{nameof(options.Audience)} is required when JWT validation is configured.");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey) && string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.Issuer))
        {
            result.AddError($"{Section}:{nameof(options.Issuer)} is required with a {nameof(options.SigningKey)} and no {nameof(options.Authority)}.");
        }

        return result.Build();
    }
}

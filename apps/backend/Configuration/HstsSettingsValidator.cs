using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class HstsSettingsValidator : IValidateOptions<HstsSettings>
{
    private static readonly TimeSpan PreloadMinimumMaxAge = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, HstsSettings options)
    {
        var result = new ValidateOptionsResultBuilder();
        const string Section = HstsSettings.SectionName;
        if (options.MaxAge <= TimeSpan.Zero)
        {
            result.AddError($"{Section}:{nameof(options.MaxAge)} must be positive (was {options.MaxAge}).");
        }

        if (options.Preload && (!options.IncludeSubDomains || options.MaxAge < PreloadMinimumMaxAge))
        {
            result.AddError($"{Section}:{nameof(options.Preload)} needs {Section}:{nameof(options.IncludeSubDomains)} true and {Section}:{nameof(options.MaxAge)} of at least 365.00:00:00 (the preload list's requirements).");
        }

        return result.Build();
    }
}

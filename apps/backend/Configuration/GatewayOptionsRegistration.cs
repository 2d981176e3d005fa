using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public static class GatewayOptionsRegistration
{
    /// <summary>Binds and validates every <c>Gateway</c> options class; any failure stops start-up with the offending key.</summary>
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services)
    {
        // The root section also holds the sub-sections below, so the binder cannot reject its unknown keys;
        // GatewayRootKeysValidator does, knowing the sub-sections registered here and elsewhere.
        services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(GatewayOptions.SectionName, strict: false);
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayRootKeysValidator>();
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName);
        services.AddValidatedOptions<TimeoutOptions, TimeoutOptionsValidator>(TimeoutOptions.SectionName);
        services.AddValidatedOptions<CorsPolicyOptions, CorsPolicyOptionsValidator>(CorsPolicyOptions.SectionName);
        services.AddValidatedOptions<JwtOptions, JwtOptionsValidator>(JwtOptions.SectionName);
        services.AddValidatedOptions<AuthorizationPolicyOptions, AuthorizationPolicyOptionsValidator>(AuthorizationPolicyOptions.SectionName);
        services.AddValidatedOptions<ForwardedHeadersSettings, ForwardedHeadersSettingsValidator>(ForwardedHeadersSettings.SectionName);
        services.AddValidatedOptions<SecurityHeadersOptions, NoValidation<SecurityHeadersOptions>>(SecurityHeadersOptions.SectionName);
        services.AddValidatedOptions<ApiKeyOptions, ApiKeyOptionsValidator>(ApiKeyOptions.SectionName);
        services.AddValidatedOptions<HstsSettings, HstsSettingsValidator>(HstsSettings.SectionName);

        // Bound by the proxy registration (YARP's own options class), but a known key of the root section here, so
        // start-up and reload validation (which runs this method over a candidate configuration) agree on it.
        services.AddSingleton(new GatewaySubSection(Gateway.Proxy.ProxyRegistration.PassiveHealthSectionName));
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionPath, bool strict = true)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        // ErrorOnUnknownConfiguration turns a misspelt key into a start-up error that names it.
        services.AddOptions<TOptions>()
            .BindConfiguration(sectionPath, binder => binder.ErrorOnUnknownConfiguration = strict)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton(new GatewaySubSection(sectionPath));
        services.AddSingleton(ValidatedOptionsSection.For<TOptions>(sectionPath, strict));
    }

    private sealed class NoValidation<TOptions> : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) => ValidateOptionsResult.Skip;
    }
}

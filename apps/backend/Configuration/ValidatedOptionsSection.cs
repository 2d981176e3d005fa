using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>
/// One options class bound and validated by <see cref="GatewayOptionsRegistration.AddGatewayOptions"/>.
/// Reload validation enumerates these to check a candidate configuration with exactly the binding and
/// validators of start-up, so an options class or validator added there is checked on reload too.
/// </summary>
public sealed record ValidatedOptionsSection(Type OptionsType, string SectionPath, bool Strict, Func<IServiceProvider, object> Resolve)
{
    /// <summary>Resolving binds the section and runs every validator, throwing as start-up would on the first bad key.</summary>
    public static ValidatedOptionsSection For<TOptions>(string sectionPath, bool strict)
        where TOptions : class =>
        new(typeof(TOptions), sectionPath, strict, services => services.GetRequiredService<IOptions<TOptions>>().Value);
}

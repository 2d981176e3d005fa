using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class ForwardedHeadersSettingsValidator(IConfiguration configuration) : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var result = new ValidateOptionsResultBuilder();
        const string Section = ForwardedHeadersSettings.SectionName;
        for (var index = 0; index < options.KnownProxies.Length; index++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[index], out _))
            {
                result.AddError($"{Section}:{nameof(options.KnownProxies)}:{index} is not an IP address (was '{options.KnownProxies[index]}').");
            }
        }

        for (var index = 0; index < options.KnownNetworks.Length; index++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[index], out _))
            {
                result.AddError($"{Section}:{nameof(options.KnownNetworks)}:{index} is not a CIDR network (was '{options.KnownNetworks[index]}').");
            }
        }

        if (options.ForwardLimit < 1)
        {
            result.AddError($"{Section}:{nameof(options.ForwardLimit)} must be at least 1 (was {options.ForwardLimit}).");
        }

        if (options.ForwardHost && AllowedHosts.Parse(configuration).Length == 0)
        {
            result.AddError($"{Section}:{nameof(options.ForwardHost)} requires {AllowedHosts.Key} to list the host names clients may use, e.g. \"api.example.com;127.0.0.1\" (was '{configuration[AllowedHosts.Key]}'); '*' would let any caller choose the Host upstreams see.");
        }

        return result.Build();
    }
}

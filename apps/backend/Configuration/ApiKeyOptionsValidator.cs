using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    private const int DigestHexLength = 64;

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        const string Section = ApiKeyOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Header) || !options.Header.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            result.AddError($"{Section}:{nameof(options.Header)} must be a header name such as X-Api-Key (was '{options.Header}').");
        }

        var clientsByDigest = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (clientName, client) in options.Clients)
        {
            var key = $"{Section}:{nameof(options.Clients)}:{clientName}:{nameof(client.Sha256)}";

            // The digest's value is not echoed: it identifies a key and has no place in a log line.
            if (client.Sha256.Length != DigestHexLength || !client.Sha256.All(char.IsAsciiHexDigit))
            {
                result.AddError($"{key} must be the 64 hex digits of the key's SHA-256 (e.g. from `printf %s \"$KEY\" | sha256sum`); it has {client.Sha256.Length} characters.");
            }
            else if (!clientsByDigest.TryAdd(client.Sha256, clientName))
            {
                result.AddError($"{key} is the same key as client '{clientsByDigest[client.Sha256]}'; each client needs its own key.");
            }
        }

        return result.Build();
    }
}

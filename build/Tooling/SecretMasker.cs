namespace Tooling;

/// <summary>
/// Knows every secret value of the build and replaces it with [REDACTED] in any text on its way out:
/// log events, tool command lines and output, the summary.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "[REDACTED]";
    private volatile string[] secrets = [];
    private readonly Lock gate = new();

    public void Add(params IEnumerable<string?> values)
    {
        lock (gate)
        {
            // Longest first, so a secret that contains another is masked whole.
            secrets = [.. secrets.Concat(values.Where(value => !string.IsNullOrEmpty(value)).Select(value => value!))
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(value => value.Length)];
        }
    }

    /// <summary>Every secret value known so far, for what must recognise them rather than mask them (a tool's environment).</summary>
    public IReadOnlyList<string> Values => secrets;

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

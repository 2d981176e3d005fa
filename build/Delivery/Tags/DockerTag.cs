using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Delivery.Tags;

/// <summary>
/// Docker's tag grammar, <c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>. docker/metadata-action only replaces
/// invalid characters; a branch starting with "." or longer than 128 characters then fails at push time.
/// We enforce the whole grammar when the tag is computed.
/// </summary>
public static partial class DockerTag
{
    public const int MaxLength = 128;

    private const int HashLength = 8;

    /// <summary>
    /// Makes <paramref name="value"/> a valid tag, or returns null when nothing valid is left:
    /// every run of characters outside <c>[a-zA-Z0-9._-]</c> becomes one <c>-</c> (case kept, as metadata-action does);
    /// leading <c>.</c> and <c>-</c> are dropped (a tag cannot start with them);
    /// a value over 128 characters keeps its first 119 and gets <c>-</c> + 8 hex characters of its SHA-256, so two
    /// long branches that differ only at the end still get different tags.
    /// </summary>
    public static string? Sanitize(string value)
    {
        var tag = InvalidRun().Replace(value, "-").TrimStart('.', '-');
        if (tag.Length == 0)
        {
            return null;
        }

        if (tag.Length > MaxLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tag)))[..HashLength];
            tag = tag[..(MaxLength - HashLength - 1)] + "-" + hash;
        }

        return tag;
    }

    public static bool IsValid(string tag) => Grammar().IsMatch(tag);

    [GeneratedRegex("[^a-zA-Z0-9._-]+")]
    private static partial Regex InvalidRun();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Grammar();
}

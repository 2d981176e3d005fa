using System.Text.RegularExpressions;
using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// The part of metadata-action's global expressions a raw value may use, expanded from the event as the action does
/// (<c>setGlobalExp</c>): <c>{{branch}}</c> and <c>{{tag}}</c> (empty unless a branch or tag is built) and
/// <c>{{sha}}</c> (7 characters). The date expressions need a clock the evaluation does not have, so they are refused.
/// </summary>
public static partial class ValueExpressions
{
    public static IReadOnlyList<string> Supported { get; } = ["{{branch}}", "{{tag}}", "{{sha}}"];

    private const int ShortShaLength = 7;

    public static bool IsSupported(string expression) => Expression().Match(expression) is { Success: true } match && match.Value == expression;

    public static string Expand(string value, EventContext context) =>
        Expression().Replace(value, match => match.Groups["name"].Value switch
        {
            "branch" => context.BranchName ?? "",
            "tag" => context.TagName ?? "",
            _ => context.Sha.Length > ShortShaLength ? context.Sha[..ShortShaLength] : context.Sha,
        });

    [GeneratedRegex(@"\{\{\s*(?<name>branch|tag|sha)\s*\}\}")]
    private static partial Regex Expression();
}

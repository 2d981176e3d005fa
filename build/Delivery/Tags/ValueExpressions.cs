using System.Text.RegularExpressions;
using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// The part of metadata-action's global expressions (<c>setGlobalExp</c>) a raw value, a prefix or a suffix may use,
/// expanded from the event as the action does: <c>{{branch}}</c> and <c>{{tag}}</c> (empty unless a branch or tag is
/// built), <c>{{sha}}</c> (7 characters) and <c>{{date 'FORMAT' tz='Zone'}}</c> (<see cref="DateExpression"/>).
/// <c>{{commit_date}}</c> and <c>{{base_ref}}</c> are refused when the rule is read.
/// </summary>
public static partial class ValueExpressions
{
    public static IReadOnlyList<string> Supported { get; } = ["{{branch}}", "{{tag}}", "{{sha}}", DateExpression.Syntax];

    private const int ShortShaLength = 7;

    /// <summary>
    /// Checks every <c>{{…}}</c> in <paramref name="text"/> (the <paramref name="key"/> attribute) is one the build
    /// expands, or one of <paramref name="also"/>; throws <see cref="RuleSyntaxException"/> for the first that is not.
    /// </summary>
    internal static void Check(string text, string key, params string[] also)
    {
        foreach (var expression in AnyExpression().Matches(text).Select(match => match.Value).Where(value => !also.Contains(value)))
        {
            if (DateCall().IsMatch(expression))
            {
                DateExpression.Parse(expression);
            }
            else if (!Simple().IsMatch(expression))
            {
                throw new RuleSyntaxException($"{key} uses {expression}, which the build does not expand",
                    $"a literal {key}, {string.Join(", ", Supported)}" + string.Concat(also.Select(extra => " or " + extra)));
            }
        }
    }

    public static string Expand(string value, EventContext context) =>
        AnyExpression().Replace(value, match =>
            DateCall().IsMatch(match.Value) ? DateExpression.Parse(match.Value).Render(context)
            : Simple().Match(match.Value) is { Success: true } simple ? simple.Groups["name"].Value switch
            {
                "branch" => context.BranchName ?? "",
                "tag" => context.TagName ?? "",
                _ => context.Sha.Length > ShortShaLength ? context.Sha[..ShortShaLength] : context.Sha,
            }
            // Left as written: the caller fills it (the build version) or the parser has refused it.
            : match.Value);

    /// <summary>Only <c>{{date …}}</c> may appear in <paramref name="text"/> (a schedule pattern, as metadata-action's).</summary>
    internal static void CheckDateOnly(string text, string key)
    {
        foreach (var expression in AnyExpression().Matches(text).Select(match => match.Value))
        {
            _ = DateCall().IsMatch(expression)
                ? DateExpression.Parse(expression)
                : throw new RuleSyntaxException($"{key} uses {expression}, which a schedule pattern does not expand",
                    $"literal text and {DateExpression.Syntax}");
        }
    }

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex AnyExpression();

    [GeneratedRegex(@"^\{\{\s*(?<name>branch|tag|sha)\s*\}\}$")]
    private static partial Regex Simple();

    [GeneratedRegex(@"^\{\{\s*date\b")]
    private static partial Regex DateCall();
}

using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>Readable text for a requirement expression: drops the closure noise the compiler adds.</summary>
internal static partial class ExpressionText
{
    public static string Of(Expression expression) => Unwrap(ClosurePrefix().Replace(expression.ToString(), ""));

    /// <summary>Condition text as written, without the lambda's <c>() =&gt;</c>: <c>IsReleaseBranch</c>.</summary>
    public static string OfLambda(string text) => LambdaPrefix().Replace(text, "");

    // Expression.ToString() wraps binary expressions in parentheses: "(Replicas > 0)".
    private static string Unwrap(string text) =>
        text.Length > 1 && text[0] == '(' && text[^1] == ')' && text.Count(c => c == '(') == 1 ? text[1..^1] : text;

    [GeneratedRegex(@"value\([^)]*\)\.")]
    private static partial Regex ClosurePrefix();

    [GeneratedRegex(@"^\s*\(\)\s*=>\s*")]
    private static partial Regex LambdaPrefix();
}

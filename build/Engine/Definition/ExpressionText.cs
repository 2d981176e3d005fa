using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>Readable text for a requirement expression: drops the closure noise the compiler adds.</summary>
internal static partial class ExpressionText
{
    public static string Of(Expression expression) => ClosurePrefix().Replace(expression.ToString(), "");

    [GeneratedRegex(@"value\([^)]*\)\.")]
    private static partial Regex ClosurePrefix();
}

namespace Delivery.Tags;

/// <summary>
/// A part of a rule line (an expression, a date format) that cannot be read: what is wrong and what would do. The
/// parsers turn it into <see cref="RuleText.Error"/>, which adds the parameter and the line.
/// </summary>
internal sealed class RuleSyntaxException(string problem, string expected) : FormatException($"{problem}; expected {expected}")
{
    public string Problem { get; } = problem;

    public string Expected { get; } = expected;
}

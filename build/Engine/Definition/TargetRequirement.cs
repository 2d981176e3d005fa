namespace BuildEngine;

/// <summary>
/// Something a target needs before the build starts: a parameter with a value, or a condition.
/// <see cref="ParameterMember"/> names the parameter so the error can say how to pass it.
/// </summary>
internal sealed record TargetRequirement(Func<bool> IsMet, string Text, string? ParameterMember);

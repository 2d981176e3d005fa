namespace BuildEngine;

/// <summary>A condition with the source text it was written as, so the summary can show why a target was skipped.</summary>
internal sealed record TargetCondition(Func<bool> Evaluate, string Text);

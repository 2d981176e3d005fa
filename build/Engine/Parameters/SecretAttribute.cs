namespace BuildEngine;

/// <summary>The parameter's value is never printed: every log line, tool echo and report redacts it.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

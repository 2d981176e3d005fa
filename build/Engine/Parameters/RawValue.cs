namespace BuildEngine;

/// <summary>A parameter's value as found, before conversion, with where it came from (for error messages).</summary>
internal sealed record RawValue(string[] Values, string Origin);

namespace BuildEngine;

/// <summary>The build class itself is wrong (a cycle, an unknown component, a duplicate name).</summary>
internal sealed class BuildDefinitionException(string message) : Exception(message);

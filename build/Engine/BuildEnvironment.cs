namespace BuildEngine;

/// <summary>What a build run sees of the outside world; tests give their own.</summary>
internal sealed record BuildEnvironment(TextWriter Output, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory);

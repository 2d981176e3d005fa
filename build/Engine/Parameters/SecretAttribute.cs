using Tooling;

namespace BuildEngine;

/// <summary>
/// The parameter's value is never printed (every log line, tool echo and report redacts it), is taken only from the
/// environment or a parameters file outside the repository (<see cref="SecretSources"/>), and is not in the
/// environment of the tools the build starts (<see cref="ChildEnvironment"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

namespace BuildEngine;

/// <summary>
/// A target is a property of this delegate type; the engine calls it once with an empty definition
/// and reads back what the fluent calls declared. The property's name is the target's name.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

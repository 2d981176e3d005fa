namespace BuildEngine;

/// <summary>What happens to a target's dependencies when a static condition skips the target.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies still run (the default).</summary>
    Execute,

    /// <summary>Dependencies that no other running target needs are skipped as well.</summary>
    Skip,
}

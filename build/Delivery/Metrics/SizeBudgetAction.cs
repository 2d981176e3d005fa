namespace Delivery.Metrics;

/// <summary>What a gateway image larger than the size budget does to the build (--image-size-budget-action).</summary>
public enum SizeBudgetAction
{
    /// <summary>A warning (and a line in the image report); the build goes on.</summary>
    Warn,

    /// <summary>DockerBuild fails, naming the size and the budget.</summary>
    Fail,
}

namespace Delivery.Metrics;

/// <summary>The size budget the image was checked against, and whether it exceeded it.</summary>
public sealed record BudgetMetrics(int LimitMb, string Action, bool Exceeded)
{
    public static BudgetMetrics From(SizeBudget budget, long uncompressedBytes) =>
        new(budget.LimitMegabytes, budget.Action.ToString().ToLowerInvariant(), budget.IsExceededBy(uncompressedBytes));
}

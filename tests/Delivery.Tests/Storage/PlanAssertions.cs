using Delivery.Storage;

namespace Delivery.Tests.Storage;

internal static class PlanAssertions
{
    public static VersionDecision DecisionFor(this CleanupPlan plan, string digest) =>
        plan.Decisions.Single(decision => decision.Version.Digest == digest);

    public static IReadOnlyList<string> DeletedDigests(this CleanupPlan plan) => [.. plan.Deletions.Select(decision => decision.Version.Digest)];
}

using Delivery.Metrics;
using Tooling;

namespace Delivery.Tests.Metrics;

/// <summary>The gateway image's size budget (--image-size-budget-mb, --image-size-budget-action).</summary>
public sealed class SizeBudgetTests
{
    [Test]
    public void An_image_at_the_limit_is_within_it()
    {
        var budget = SizeBudget.Create(200, SizeBudgetAction.Fail);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(budget.IsExceededBy(200_000_000), Is.False);
            Assert.That(budget.Describe("gateway:dev", 200_000_000), Is.Null);
            Assert.That(budget.IsExceededBy(200_000_001), Is.True);
        }
    }

    [Test]
    public void An_image_over_the_limit_is_described_with_its_size_the_budget_and_the_fix()
    {
        var problem = SizeBudget.Create(100, SizeBudgetAction.Warn).Describe("127.0.0.1:5000/gateway:main", 123_635_938);

        Assert.That(problem, Is.EqualTo(
            "127.0.0.1:5000/gateway:main is 123.6 MB uncompressed, over the size budget of 100 MB by 23.6 MB. " +
            "Make the image smaller (docs/operations.md#size-budget), or raise --image-size-budget-mb if the growth is intended."));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_limit_that_is_no_limit_fails_naming_the_parameter(int limit)
    {
        var error = Assert.Throws<BuildFailedException>(() => SizeBudget.Create(limit, SizeBudgetAction.Fail));

        Assert.That(error.Message, Does.Contain("--image-size-budget-mb must be a positive number"));
    }

    [Test]
    public void The_metrics_record_the_budget_and_whether_the_image_exceeded_it()
    {
        var budget = SizeBudget.Create(100, SizeBudgetAction.Warn);

        Assert.That(BudgetMetrics.From(budget, 123_635_938), Is.EqualTo(new BudgetMetrics(100, "warn", Exceeded: true)));
    }
}

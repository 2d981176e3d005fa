using System.Globalization;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>The gateway image stays within the size budget (IMAGE_SIZE_BUDGET_MB, the build's --image-size-budget).</summary>
[TestFixture]
[Category("Image")]
public sealed class ImageSizeTests
{
    [Test]
    public async Task StaysWithinTheSizeBudget()
    {
        var size = long.Parse(await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{.Size}}"), CultureInfo.InvariantCulture);
        var budget = ImagesUnderTest.SizeBudgetMegabytes * 1_000_000L;

        Assert.That(size, Is.LessThan(budget), $"{ImagesUnderTest.Gateway} is {size / 1_000_000.0:0.0} MB uncompressed; the budget is {ImagesUnderTest.SizeBudgetMegabytes} MB");
    }
}

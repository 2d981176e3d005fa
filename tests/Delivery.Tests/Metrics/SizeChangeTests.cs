using Delivery.Metrics;

namespace Delivery.Tests.Metrics;

/// <summary>How the image report shows a size and its change against the previous image.</summary>
public sealed class SizeChangeTests
{
    [TestCase(120_000_000, 121_200_000, "+1.2 MB (+1.0 %)")]
    [TestCase(52_000_000, 51_700_000, "-300.0 kB (-0.6 %)")]
    [TestCase(52_000_000, 52_000_000, "no change")]
    [TestCase(1_000, 1_512, "+512 B (+51.2 %)")]
    [TestCase(1_000_000_000, 3_500_000_000, "+2.50 GB (+250.0 %)")]
    [TestCase(0, 5_000_000, "+5.0 MB")]
    public void Shows_the_change_in_bytes_and_percent(long previous, long current, string expected) =>
        Assert.That(new SizeChange(previous, current).ToString(), Is.EqualTo(expected));

    [Test]
    public void Keeps_the_exact_figures_for_the_metrics_file()
    {
        var change = new SizeChange(200, 150);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(change.DeltaBytes, Is.EqualTo(-50));
            Assert.That(change.DeltaPercent, Is.EqualTo(-25.0));
        }
    }

    [TestCase(0, "0 B")]
    [TestCase(999, "999 B")]
    [TestCase(77_350, "77.4 kB")]
    [TestCase(123_635_938, "123.6 MB")]
    public void Formats_sizes_in_decimal_units(long bytes, string expected) => Assert.That(ByteSizeText.Format(bytes), Is.EqualTo(expected));
}

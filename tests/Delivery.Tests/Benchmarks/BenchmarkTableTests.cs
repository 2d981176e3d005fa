using Delivery.Benchmarks;

namespace Delivery.Tests.Benchmarks;

/// <summary>artifacts/benchmarks.md: the machine line and the figures, with a comparison column against a previous run.</summary>
public sealed class BenchmarkTableTests
{
    private static readonly MachineFingerprint Machine = new("Test CPU", 2, 8L * 1024 * 1024 * 1024, "6.1.0", "20.10.24");

    private static BenchmarkReport Report(string commit, double size, double start) =>
        new(Machine, new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero), commit,
        [
            new BenchmarkFigure("Image size, multi-stage", size, "MB", "docker image inspect"),
            new BenchmarkFigure("Start to ready", start, "ms", "median of 5 | host network"),
        ]);

    [Test]
    public void Renders_the_machine_and_one_row_per_figure()
    {
        var table = BenchmarkTable.Render(Report("abc1234", 123.6, 812.4));

        Assert.That(table, Does.Contain("Measured 2026-11-28 02:30 UTC at commit abc1234."));
        Assert.That(table, Does.Contain("Machine: Test CPU (2 CPUs), 8.0 GiB memory, kernel 6.1.0, Docker engine 20.10.24."));
        Assert.That(table, Does.Contain("| Figure | Value | Method |"));
        Assert.That(table, Does.Contain("| Image size, multi-stage | 124 MB | docker image inspect |"));
        Assert.That(table, Does.Contain(@"| Start to ready | 812 ms | median of 5 \| host network |"));
    }

    [Test]
    public void Small_values_keep_two_decimals()
    {
        var table = BenchmarkTable.Render(Report("abc1234", 12.345, 0.5));

        Assert.That(table, Does.Contain("| 12.35 MB |"));
        Assert.That(table, Does.Contain("| 0.50 ms |"));
    }

    [Test]
    public void Against_a_previous_run_shows_previous_values_and_the_change()
    {
        var table = BenchmarkTable.Render(Report("new1234", 110, 900), Report("old1234", 100, 1000));

        Assert.That(table, Does.Contain("Compared with the run of 2026-11-28 02:30 UTC at commit old1234."));
        Assert.That(table, Does.Contain("| Figure | Value | Previous | Change | Method |"));
        Assert.That(table, Does.Contain("| Image size, multi-stage | 110 MB | 100 MB | +10.0% |"));
        Assert.That(table, Does.Contain("| Start to ready | 900 ms | 1000 ms | -10.0% |"));
    }

    [Test]
    public void A_figure_new_since_the_previous_run_has_no_change()
    {
        var previous = Report("old1234", 100, 1000) with { Figures = [new BenchmarkFigure("Image size, multi-stage", 100, "MB", "")] };

        var table = BenchmarkTable.Render(Report("new1234", 100, 900), previous);

        Assert.That(table, Does.Contain("| Start to ready | 900 ms | – | – |"));
        Assert.That(table, Does.Contain("| 100 MB | 100 MB | 0.0% |"));
    }

    [Test]
    public void Ratios_read_as_multiples()
    {
        var report = Report("abc1234", 100, 900) with
        {
            Figures = [new BenchmarkFigure("Proxy throughput, bare YARP / nginx", 0.7049, BenchmarkTable.RatioUnit, "ratio of the medians")],
        };

        Assert.That(BenchmarkTable.Render(report), Does.Contain("| Proxy throughput, bare YARP / nginx | 0.70x | ratio of the medians |"));
    }
}

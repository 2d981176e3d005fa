using Delivery.Benchmarks;
using Tooling;

namespace Delivery.Tests.Benchmarks;

/// <summary>The proxy comparison: medians over alternating rounds, ratios to nginx, and wrk errors refused by proxy name.</summary>
public sealed class ProxyComparisonTests
{
    private static WrkOutput Run(double rate, double p99, int errors = 0) => new(rate, p99 / 2, p99, errors);

    private static ProxyComparison ThreeRounds()
    {
        var comparison = new ProxyComparison("nginx");
        // Round by round, as the benchmark alternates them.
        comparison.Add("nginx", Run(40_000, 1.2));
        comparison.Add("bare YARP", Run(26_000, 4.0));
        comparison.Add("nginx", Run(38_000, 1.4));
        comparison.Add("bare YARP", Run(30_000, 3.0));
        comparison.Add("nginx", Run(39_000, 1.0));
        comparison.Add("bare YARP", Run(28_000, 3.3));
        return comparison;
    }

    [Test]
    public void Each_proxy_gets_the_medians_of_its_rounds_and_their_ratios_to_the_reference()
    {
        var results = ThreeRounds().Results();

        Assert.That(results.Select(result => result.Proxy), Is.EqualTo(new[] { "nginx", "bare YARP" }));
        var nginx = results[0];
        var yarp = results[1];
        Assert.Multiple(() =>
        {
            Assert.That(nginx.Rounds, Is.EqualTo(3));
            Assert.That(nginx.RequestsPerSecond, Is.EqualTo(39_000));
            Assert.That(nginx.P99Milliseconds, Is.EqualTo(1.2));
            Assert.That(nginx.ThroughputRatio, Is.EqualTo(1));
            Assert.That(yarp.RequestsPerSecond, Is.EqualTo(28_000));
            Assert.That(yarp.P99Milliseconds, Is.EqualTo(3.3));
            Assert.That(yarp.ThroughputRatio, Is.EqualTo(28_000 / 39_000.0).Within(1e-12));
            Assert.That(yarp.P99Ratio, Is.EqualTo(3.3 / 1.2).Within(1e-12));
        });
    }

    [Test]
    public void Two_rounds_take_the_mean_of_both()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("nginx", Run(40_000, 1.0));
        comparison.Add("gateway (host)", Run(20_000, 5.0));
        comparison.Add("nginx", Run(38_000, 1.4));
        comparison.Add("gateway (host)", Run(24_000, 4.0));

        var gateway = comparison.Results()[1];

        Assert.That(gateway.RequestsPerSecond, Is.EqualTo(22_000));
        Assert.That(gateway.ThroughputRatio, Is.EqualTo(22_000 / 39_000.0).Within(1e-12));
        Assert.That(gateway.P99Ratio, Is.EqualTo(4.5 / 1.2).Within(1e-12));
    }

    [Test]
    public void A_run_with_wrk_errors_fails_naming_the_proxy()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("nginx", Run(40_000, 1.0));

        Assert.That(() => comparison.Add("gateway (container)", Run(20_000, 5.0, errors: 3)),
            Throws.TypeOf<BuildFailedException>().With.Message.Contains("3 errors").And.Message.Contains("against gateway (container)"));
        Assert.That(comparison.Results().Select(result => result.Proxy), Is.EqualTo(new[] { "nginx" }), "the failed run was not kept");
    }

    [Test]
    public void Without_the_reference_there_are_no_ratios()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("bare YARP", Run(28_000, 3.0));

        Assert.That(() => comparison.Results(), Throws.InvalidOperationException.With.Message.Contains("reference proxy nginx"));
    }

    [Test]
    public void Figures_put_each_ratio_after_its_value_and_give_the_reference_none()
    {
        var figures = ThreeRounds().Figures("the method", "the CPU method");

        Assert.That(figures.Select(figure => $"{figure.Name} [{figure.Unit}]"), Is.EqualTo(new[]
        {
            "Proxy throughput, nginx [req/s]",
            "Proxy latency p99, nginx [ms]",
            "Proxy throughput, bare YARP [req/s]",
            "Proxy throughput, bare YARP / nginx [x]",
            "Proxy latency p99, bare YARP [ms]",
            "Proxy latency p99, bare YARP / nginx [x]",
        }));
        Assert.That(figures.Select(figure => figure.Method).Distinct(), Is.EqualTo(new[]
        {
            "the method", "as the first proxy row", "ratio of the medians to nginx's, same run",
        }));
        Assert.That(figures[0].Method, Is.EqualTo("the method"));
        Assert.That(figures[3].Value, Is.EqualTo(28_000 / 39_000.0).Within(1e-12));
    }

    [Test]
    public void Cpu_use_is_the_median_of_its_rounds_in_percent_after_each_proxy_s_other_rows()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("nginx", Run(40_000, 1.0), cpuBusy: 0.95);
        comparison.Add("bare YARP", Run(28_000, 3.0), cpuBusy: 0.99);
        comparison.Add("nginx", Run(39_000, 1.1), cpuBusy: 0.93);
        comparison.Add("bare YARP", Run(27_000, 3.1), cpuBusy: 1.0);
        comparison.Add("nginx", Run(38_000, 1.2), cpuBusy: 0.96);
        comparison.Add("bare YARP", Run(29_000, 3.2), cpuBusy: 0.98);

        var figures = comparison.Figures("the method", "the CPU method");

        Assert.That(comparison.Results().Select(result => result.CpuBusy), Is.EqualTo(new double?[] { 0.95, 0.99 }));
        Assert.That(figures.Select(figure => figure.Name), Is.EqualTo(new[]
        {
            "Proxy throughput, nginx",
            "Proxy latency p99, nginx",
            "Proxy CPU use, nginx",
            "Proxy throughput, bare YARP",
            "Proxy throughput, bare YARP / nginx",
            "Proxy latency p99, bare YARP",
            "Proxy latency p99, bare YARP / nginx",
            "Proxy CPU use, bare YARP",
        }));
        var cpu = figures.Where(figure => figure.Unit == "%").ToList();
        Assert.That(cpu.Select(figure => figure.Value), Is.EqualTo(new[] { 95, 99 }).Within(1e-9));
        Assert.That(cpu[0].Method, Is.EqualTo("the CPU method"));
        Assert.That(cpu[1].Method, Is.EqualTo("as the first CPU use row"));
    }

    [Test]
    public void Throughput_ratio_between_two_proxies_of_the_run()
    {
        var figure = ThreeRounds().ThroughputRatio("bare YARP", "nginx");

        Assert.That(figure.Name, Is.EqualTo("Proxy throughput, bare YARP / nginx"));
        Assert.That(figure.Value, Is.EqualTo(28_000 / 39_000.0).Within(1e-12));
        Assert.That(figure.Unit, Is.EqualTo(BenchmarkTable.RatioUnit));
    }

    [Test]
    public void A_ratio_needs_a_positive_baseline()
    {
        Assert.That(Statistics.Ratio(3, 4), Is.EqualTo(0.75));
        Assert.That(() => Statistics.Ratio(3, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Statistics.Ratio(3, double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}

using Delivery.Benchmarks;
using Tooling;

namespace Delivery.Tests.Benchmarks;

/// <summary>The proxy comparison: medians over alternating rounds, ratios to nginx, and wrk errors refused by proxy name.</summary>
public sealed class ProxyComparisonTests
{
    private static WrkOutput Run(double rate, double p99, int errors = 0) => new(rate, p99 / 2, p99, errors);

    // CPU seconds in user space and in the kernel over a run of one second.
    private static CpuUse Cpu(double user, double system) => new(new(TimeSpan.FromSeconds(user), TimeSpan.FromSeconds(system)), TimeSpan.FromSeconds(1));

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
        var figures = ThreeRounds().Figures("the method", "the CPU method", "the per-request method");

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
    public void Cpu_use_and_cpu_per_request_are_medians_of_their_rounds_after_each_proxy_s_other_rows()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("nginx", Run(40_000, 1.0), Cpu(0.20, 0.75));
        comparison.Add("bare YARP", Run(28_000, 3.0), Cpu(0.28, 0.71));
        comparison.Add("nginx", Run(39_000, 1.1), Cpu(0.195, 0.735));
        comparison.Add("bare YARP", Run(27_000, 3.1), Cpu(0.27, 0.73));
        comparison.Add("nginx", Run(38_000, 1.2), Cpu(0.19, 0.77));
        comparison.Add("bare YARP", Run(29_000, 3.2), Cpu(0.29, 0.69));

        var figures = comparison.Figures("the method", "the CPU method", "the per-request method");

        var results = comparison.Results();
        Assert.That(results.Select(result => result.CpuBusy), Is.EqualTo(new double?[] { 0.95, 0.99 }).Within(1e-9));
        // Each round at its own rate: nginx's kernel time is 750,000 µs / 40,000, 735,000 / 39,000 and 770,000 / 38,000.
        Assert.That(results.Select(result => result.UserMicroseconds), Is.EqualTo(new double?[] { 5, 10 }).Within(1e-9));
        Assert.That(results.Select(result => result.SystemMicroseconds), Is.EqualTo(new double?[] { 735_000 / 39_000.0, 710_000 / 28_000.0 }).Within(1e-9));
        Assert.That(figures.Select(figure => $"{figure.Name} [{figure.Unit}]"), Is.EqualTo(new[]
        {
            "Proxy throughput, nginx [req/s]",
            "Proxy latency p99, nginx [ms]",
            "Proxy CPU use, nginx [%]",
            "Proxy CPU per request, nginx, user [µs]",
            "Proxy CPU per request, nginx, kernel [µs]",
            "Proxy throughput, bare YARP [req/s]",
            "Proxy throughput, bare YARP / nginx [x]",
            "Proxy latency p99, bare YARP [ms]",
            "Proxy latency p99, bare YARP / nginx [x]",
            "Proxy CPU use, bare YARP [%]",
            "Proxy CPU per request, bare YARP, user [µs]",
            "Proxy CPU per request, bare YARP, kernel [µs]",
        }));
        var cpu = figures.Where(figure => figure.Unit == "%").ToList();
        Assert.That(cpu.Select(figure => figure.Value), Is.EqualTo(new[] { 95, 99 }).Within(1e-9));
        Assert.That(cpu[0].Method, Is.EqualTo("the CPU method"));
        Assert.That(cpu[1].Method, Is.EqualTo("as the first CPU use row"));
        var perRequest = figures.Where(figure => figure.Unit == "µs").Select(figure => figure.Method).ToList();
        Assert.That(perRequest[0], Is.EqualTo("the per-request method"));
        Assert.That(perRequest.Skip(1), Is.All.EqualTo("as the first CPU per request row"));
    }

    [Test]
    public void A_round_without_cpu_time_leaves_the_other_rounds_cpu_figures_at_their_own_rates()
    {
        var comparison = new ProxyComparison("nginx");
        comparison.Add("nginx", Run(10_000, 1.0));
        comparison.Add("nginx", Run(40_000, 1.0), Cpu(0.4, 0.4));

        var nginx = comparison.Results().Single();

        Assert.That(nginx.CpuBusy, Is.EqualTo(0.8).Within(1e-9));
        Assert.That(nginx.UserMicroseconds, Is.EqualTo(10).Within(1e-9), "400,000 µs over the 40,000 requests of its own round");
        Assert.That(comparison.Figures("m", "c", "p").Count(figure => figure.Unit == "µs"), Is.EqualTo(2));
    }

    [Test]
    public void Without_cpu_time_a_proxy_has_no_cpu_rows()
    {
        var nginx = ThreeRounds().Results()[0];

        Assert.That((nginx.CpuBusy, nginx.UserMicroseconds, nginx.SystemMicroseconds), Is.EqualTo(((double?)null, (double?)null, (double?)null)));
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

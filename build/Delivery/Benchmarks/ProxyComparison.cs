namespace Delivery.Benchmarks;

/// <summary>
/// One proxy's row: the medians of its rounds, and the ratios of those medians to the reference proxy's. CpuBusy is the
/// median share of one CPU the proxy used while wrk measured it (null when no round recorded it).
/// </summary>
public sealed record ProxyResult(string Proxy, int Rounds, double RequestsPerSecond, double P99Milliseconds, double ThroughputRatio, double P99Ratio,
    double? CpuBusy = null);

/// <summary>
/// The proxies' wrk runs, collected over alternating rounds and reduced to one row per proxy: the median requests/s
/// and the median p99 of its rounds, each also as a ratio to the reference proxy's (nginx) of the same run. A run
/// with errors is refused when it is added, naming the proxy: its figures would be meaningless.
/// </summary>
public sealed class ProxyComparison(string reference)
{
    private readonly List<(string Proxy, List<WrkOutput> Runs, List<double> CpuBusy)> proxies = [];

    public string Reference { get; } = reference;

    /// <summary>
    /// One round of <paramref name="proxy"/>; <paramref name="cpuBusy"/> is the CPU time its processes used during the
    /// run divided by the run's wall time (1 = one CPU fully busy).
    /// </summary>
    public void Add(string proxy, WrkOutput run, double? cpuBusy = null)
    {
        run.EnsureNoErrors(proxy);
        var entry = proxies.FirstOrDefault(existing => existing.Proxy == proxy);
        if (entry.Runs is null)
        {
            entry = (proxy, [], []);
            proxies.Add(entry);
        }

        entry.Runs.Add(run);
        if (cpuBusy is { } busy)
        {
            entry.CpuBusy.Add(busy);
        }
    }

    /// <summary>One row per proxy, in the order they were first added.</summary>
    public IReadOnlyList<ProxyResult> Results()
    {
        var reference = proxies.FirstOrDefault(entry => entry.Proxy == Reference);
        if (reference.Runs is null)
        {
            throw new InvalidOperationException($"No run of the reference proxy {Reference}: the ratios have nothing to divide by.");
        }

        var (referenceRate, referenceP99) = Medians(reference.Runs);
        return
        [
            .. proxies.Select(entry =>
            {
                var (rate, p99) = Medians(entry.Runs);
                return new ProxyResult(entry.Proxy, entry.Runs.Count, rate, p99, Statistics.Ratio(rate, referenceRate), Statistics.Ratio(p99, referenceP99),
                    entry.CpuBusy.Count == 0 ? null : Statistics.Median(entry.CpuBusy));
            }),
        ];
    }

    /// <summary>
    /// The table's rows: each proxy's requests/s and p99, each followed by its ratio to the reference (the reference
    /// itself has none: 1.00x says nothing), then its CPU use when recorded. The first row of each kind states its method
    /// (<paramref name="method"/>, <paramref name="cpuMethod"/>), the others refer to it.
    /// </summary>
    public IReadOnlyList<BenchmarkFigure> Figures(string method, string cpuMethod)
    {
        var ratioMethod = $"ratio of the medians to {Reference}'s, same run";
        var asAbove = "as the first proxy row";
        var cpuRows = 0;
        var figures = new List<BenchmarkFigure>();
        foreach (var result in Results())
        {
            var isReference = result.Proxy == Reference;
            figures.Add(new($"Proxy throughput, {result.Proxy}", result.RequestsPerSecond, "req/s", figures.Count == 0 ? method : asAbove));
            if (!isReference)
            {
                figures.Add(new($"Proxy throughput, {result.Proxy} / {Reference}", result.ThroughputRatio, BenchmarkTable.RatioUnit, ratioMethod));
            }

            figures.Add(new($"Proxy latency p99, {result.Proxy}", result.P99Milliseconds, "ms", asAbove));
            if (!isReference)
            {
                figures.Add(new($"Proxy latency p99, {result.Proxy} / {Reference}", result.P99Ratio, BenchmarkTable.RatioUnit, ratioMethod));
            }

            if (result.CpuBusy is { } busy)
            {
                figures.Add(new($"Proxy CPU use, {result.Proxy}", busy * 100, "%", cpuRows++ == 0 ? cpuMethod : "as the first CPU use row"));
            }
        }

        return figures;
    }

    /// <summary>The throughput ratio of two proxies of the run (the container to the host build, the gateway to bare YARP).</summary>
    public BenchmarkFigure ThroughputRatio(string proxy, string to)
    {
        var results = Results();
        var of = results.Single(result => result.Proxy == proxy);
        var baseline = results.Single(result => result.Proxy == to);
        return new($"Proxy throughput, {proxy} / {to}", Statistics.Ratio(of.RequestsPerSecond, baseline.RequestsPerSecond), BenchmarkTable.RatioUnit,
            "ratio of the medians, same run");
    }

    private static (double RequestsPerSecond, double P99Milliseconds) Medians(List<WrkOutput> runs) =>
        (Statistics.Median(runs.Select(run => run.RequestsPerSecond)), Statistics.Median(runs.Select(run => run.P99Milliseconds)));
}

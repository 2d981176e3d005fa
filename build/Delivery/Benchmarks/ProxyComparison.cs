namespace Delivery.Benchmarks;

/// <summary>
/// One proxy's row: the medians of its rounds, and the ratios of those medians to the reference proxy's. CpuBusy is the
/// median share of one CPU the proxy used while wrk measured it, UserMicroseconds and SystemMicroseconds the medians of
/// its CPU time per request in user space and in the kernel (all null when no round recorded them).
/// </summary>
public sealed record ProxyResult(string Proxy, int Rounds, double RequestsPerSecond, double P99Milliseconds, double ThroughputRatio, double P99Ratio,
    double? CpuBusy = null, double? UserMicroseconds = null, double? SystemMicroseconds = null);

/// <summary>
/// The proxies' wrk runs, collected over alternating rounds and reduced to one row per proxy: the median requests/s
/// and the median p99 of its rounds, each also as a ratio to the reference proxy's (nginx) of the same run. A run
/// with errors is refused when it is added, naming the proxy: its figures would be meaningless.
/// </summary>
public sealed class ProxyComparison(string reference)
{
    private readonly List<(string Proxy, List<(WrkOutput Run, CpuUse? Cpu)> Rounds)> proxies = [];

    public string Reference { get; } = reference;

    /// <summary>One round of <paramref name="proxy"/>; <paramref name="cpu"/> is the CPU time its processes used during the run.</summary>
    public void Add(string proxy, WrkOutput run, CpuUse? cpu = null)
    {
        run.EnsureNoErrors(proxy);
        var entry = proxies.FirstOrDefault(existing => existing.Proxy == proxy);
        if (entry.Rounds is null)
        {
            entry = (proxy, []);
            proxies.Add(entry);
        }

        entry.Rounds.Add((run, cpu));
    }

    /// <summary>One row per proxy, in the order they were first added.</summary>
    public IReadOnlyList<ProxyResult> Results()
    {
        var reference = proxies.FirstOrDefault(entry => entry.Proxy == Reference);
        if (reference.Rounds is null)
        {
            throw new InvalidOperationException($"No run of the reference proxy {Reference}: the ratios have nothing to divide by.");
        }

        var (referenceRate, referenceP99) = Medians(reference.Rounds);
        return
        [
            .. proxies.Select(entry =>
            {
                var (rate, p99) = Medians(entry.Rounds);
                var cpu = entry.Rounds.Where(round => round.Cpu is not null).Select(round => (Use: round.Cpu!.Value, round.Run)).ToList();
                // Each round's CPU time per request at that round's own rate.
                var perRequest = cpu.Select(round => round.Use.MicrosecondsPerRequest(round.Run.RequestsPerSecond)).ToList();
                return new ProxyResult(entry.Proxy, entry.Rounds.Count, rate, p99, Statistics.Ratio(rate, referenceRate), Statistics.Ratio(p99, referenceP99),
                    MedianOrNull(cpu.Select(round => round.Use.Busy)), MedianOrNull(perRequest.Select(cost => cost.User)),
                    MedianOrNull(perRequest.Select(cost => cost.System)));
            }),
        ];
    }

    /// <summary>
    /// The table's rows: each proxy's requests/s and p99, each followed by its ratio to the reference (the reference
    /// itself has none: 1.00x says nothing), then, when recorded, its CPU use and its CPU time per request in user space and
    /// in the kernel. The first row of each kind states its method (<paramref name="method"/>, <paramref name="cpuMethod"/>,
    /// <paramref name="perRequestMethod"/>), the others refer to it.
    /// </summary>
    public IReadOnlyList<BenchmarkFigure> Figures(string method, string cpuMethod, string perRequestMethod)
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
                var first = cpuRows++ == 0;
                figures.Add(new($"Proxy CPU use, {result.Proxy}", busy * 100, "%", first ? cpuMethod : "as the first CPU use row"));
                figures.Add(new($"Proxy CPU per request, {result.Proxy}, user", result.UserMicroseconds!.Value, "µs",
                    first ? perRequestMethod : "as the first CPU per request row"));
                figures.Add(new($"Proxy CPU per request, {result.Proxy}, kernel", result.SystemMicroseconds!.Value, "µs", "as the first CPU per request row"));
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

    private static double? MedianOrNull(IEnumerable<double> values) => values.ToList() is { Count: > 0 } list ? Statistics.Median(list) : null;

    private static (double RequestsPerSecond, double P99Milliseconds) Medians(List<(WrkOutput Run, CpuUse? Cpu)> rounds) =>
        (Statistics.Median(rounds.Select(round => round.Run.RequestsPerSecond)), Statistics.Median(rounds.Select(round => round.Run.P99Milliseconds)));
}

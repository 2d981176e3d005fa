using Delivery.Benchmarks;
using Tooling;

namespace Delivery.Tests.Benchmarks;

/// <summary>wrk's text output, as `wrk -t2 -c16 -d5s --latency` prints it.</summary>
public sealed class WrkOutputTests
{
    private const string Output = """
        Running 5s test @ http://127.0.0.1:40123/echo/hello
          2 threads and 16 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.62ms    1.06ms  24.60ms   89.15%
            Req/Sec     5.12k   430.17     5.98k    70.00%
          Latency Distribution
             50%  635.00us
             75%    1.20ms
             90%    2.10ms
             99%    1.05s
          50987 requests in 5.10s, 10.02MB read
        Requests/sec:   9997.45
        Transfer/sec:      1.96MB
        """;

    [Test]
    public void Reads_throughput_and_percentiles_in_milliseconds()
    {
        var result = WrkOutput.Parse(Output);

        Assert.Multiple(() =>
        {
            Assert.That(result.RequestsPerSecond, Is.EqualTo(9997.45));
            Assert.That(result.P50Milliseconds, Is.EqualTo(0.635).Within(1e-9));
            Assert.That(result.P99Milliseconds, Is.EqualTo(1050).Within(1e-9));
            Assert.That(result.Errors, Is.Zero);
        });
    }

    [Test]
    public void Counts_socket_errors_and_failed_responses()
    {
        var output = Output + "\n  Socket errors: connect 1, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 4\n";

        Assert.That(WrkOutput.Parse(output).Errors, Is.EqualTo(10));
    }

    [Test]
    public void Errors_fail_the_target_naming_what_was_measured()
    {
        var output = Output + "\n  Non-2xx or 3xx responses: 7\n";

        Assert.That(() => WrkOutput.Parse(output).EnsureNoErrors("bare YARP"),
            Throws.TypeOf<BuildFailedException>().With.Message.StartsWith("wrk saw 7 errors (socket errors or responses other than 2xx/3xx) against bare YARP;"));
        Assert.That(() => WrkOutput.Parse(Output).EnsureNoErrors("bare YARP"), Throws.Nothing);
    }

    [Test]
    public void Output_without_latency_distribution_is_rejected()
    {
        Assert.That(() => WrkOutput.Parse("Requests/sec: 10.0\n"), Throws.TypeOf<FormatException>().With.Message.Contains("--latency"));
    }
}

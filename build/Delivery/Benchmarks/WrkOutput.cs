using System.Globalization;
using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.Benchmarks;

/// <summary>Throughput and latency percentiles from the text `wrk --latency` prints.</summary>
public sealed partial record WrkOutput(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, int Errors)
{
    public static WrkOutput Parse(string text)
    {
        var rate = RequestsPerSecondLine().Match(text);
        if (!rate.Success)
        {
            throw new FormatException("wrk printed no Requests/sec line.");
        }

        var errors = SocketErrors().Match(text) is { Success: true } socket
            ? socket.Groups.Values.Skip(1).Sum(group => int.Parse(group.Value, CultureInfo.InvariantCulture))
            : 0;
        errors += NonSuccess().Match(text) is { Success: true } status ? int.Parse(status.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkOutput(double.Parse(rate.Groups["value"].Value, CultureInfo.InvariantCulture), Percentile(text, "50"), Percentile(text, "99"), errors);
    }

    /// <summary>
    /// Fails the target when wrk counted socket errors or responses other than 2xx/3xx against <paramref name="target"/>:
    /// a rate made of failures, refused connections or timeouts measures nothing.
    /// </summary>
    public void EnsureNoErrors(string target)
    {
        if (Errors > 0)
        {
            throw new BuildFailedException(
                $"wrk saw {Errors} errors (socket errors or responses other than 2xx/3xx) against {target}; its figures would be meaningless. " +
                "The wrk output above has the breakdown; the proxy's own log says why.");
        }
    }

    private static double Percentile(string text, string percent)
    {
        var match = Regex.Match(text, $@"^\s*{percent}%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new FormatException($"wrk printed no {percent}% latency (run it with --latency).");
        }

        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+(?<value>[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex NonSuccess();
}

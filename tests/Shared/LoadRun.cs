using System.Diagnostics;
using System.Net;

namespace TestSupport;

/// <summary>
/// A load generator inside the test (so no wrk is needed): <c>concurrency</c> loops that each send GET requests one
/// after another until stopped, recording when each request started and how it ended. Requests in flight when the run
/// is stopped finish (or fail) and are recorded too. One file, linked into the test projects that drain under load.
/// </summary>
internal sealed class LoadRun : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _target;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<List<LoadSample>>[] _loops;

    private LoadRun(Uri target, int concurrency, TimeSpan requestTimeout)
    {
        _target = target;
        // Its own client: a connection pool shared with the test's other requests would mix their connections in.
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = requestTimeout }) { Timeout = requestTimeout };
        _loops = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync))];
    }

    /// <summary>Time since the run started, on the clock the samples use.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static LoadRun Start(Uri target, int concurrency, TimeSpan requestTimeout) => new(target, concurrency, requestTimeout);

    /// <summary>Stops every loop after its current request and returns all samples, in order of their start.</summary>
    public async Task<IReadOnlyList<LoadSample>> StopAsync()
    {
        await _stop.CancelAsync();
        var samples = await Task.WhenAll(_loops);
        return [.. samples.SelectMany(loop => loop).OrderBy(sample => sample.Started)];
    }

    /// <summary>A few failures, for an assertion message.</summary>
    public static string DescribeFailures(IEnumerable<LoadSample> samples) =>
        string.Join(Environment.NewLine, samples.Where(sample => !sample.Succeeded).Take(5)
            .Select(sample => $"started at {sample.Started.TotalMilliseconds:0} ms, ended at {sample.Finished.TotalMilliseconds:0} ms: {sample.Outcome}"));

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task<List<LoadSample>> LoopAsync()
    {
        var samples = new List<LoadSample>();
        while (!_stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            string outcome;
            HttpStatusCode? status = null;
            try
            {
                // Not cancelled by the stop: a request that was sent is followed to its end.
                using var response = await _client.GetAsync(_target, HttpCompletionOption.ResponseContentRead);
                status = response.StatusCode;
                outcome = $"{(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                outcome = $"{exception.GetType().Name}: {exception.Message}";
            }

            samples.Add(new LoadSample(started, _clock.Elapsed, status, outcome));
        }

        return samples;
    }
}

/// <summary>One request of a <see cref="LoadRun"/>: start and end on the run's clock, and its status or error.</summary>
internal sealed record LoadSample(TimeSpan Started, TimeSpan Finished, HttpStatusCode? Status, string Outcome)
{
    public bool Succeeded => Status == HttpStatusCode.OK;
}

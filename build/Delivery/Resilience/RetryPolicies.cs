using System.Net;
using Polly;
using Polly.Retry;
using Tooling;

namespace Delivery.Resilience;

/// <summary>
/// The build's retry policies, one per kind of call, as Polly pipelines. Every retrying kind waits the
/// <see cref="Backoff"/>'s exponential schedule with jitter (matrix legs that fail together must not come back
/// together, as the hand-rolled loops' 2, 4, 8 s did), or what the server asked for (<c>Retry-After</c>, a rate
/// limit's reset) when it asked, up to <see cref="MaximumServerWait"/>: a server asking for longer fails the call
/// at once, saying so. Waits run on a <see cref="TimeProvider"/>, so tests drive them with a fake clock.
/// </summary>
public static class RetryPolicies
{
    /// <summary>The longest a call waits when a server asks it to (<c>Retry-After</c>, a rate limit's reset).</summary>
    public static TimeSpan MaximumServerWait { get; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Idempotent reads: GET and HEAD to a registry. Retried on a dropped connection, a timeout, 408, 429 and 5xx;
    /// anything else (404, 401, …) is the answer.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> IdempotentReads(Backoff backoff, TimeProvider time, Action<OnRetryArguments<HttpResponseMessage>> onRetry) =>
        Http(backoff, time, onRetry);

    /// <summary>
    /// Registry pushes over HTTP: blob uploads (POST, then PUT with the digest) and manifest PUTs. Retried as reads
    /// are: a blob is addressed by its digest and a manifest PUT stores the same bytes under the same reference
    /// again, so repeating one that the registry already carried out changes nothing.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> RegistryUploads(Backoff backoff, TimeProvider time, Action<OnRetryArguments<HttpResponseMessage>> onRetry) =>
        Http(backoff, time, onRetry);

    /// <summary>
    /// Registry pushes through the docker CLI (<c>docker push</c>, <c>buildx imagetools create</c>): retried while
    /// <paramref name="isTransient"/> says the failure may pass. The CLI does not show a <c>Retry-After</c>, so the
    /// waits are the jittered back-off.
    /// </summary>
    public static ResiliencePipeline<ToolResult> DockerPushes(Backoff backoff, TimeProvider time, Func<ToolResult, bool> isTransient,
        Action<OnRetryArguments<ToolResult>> onRetry) =>
        Build(new RetryStrategyOptions<ToolResult>(), backoff, time, MaximumServerWait,
            outcome => outcome.Result is { Succeeded: false } result && isTransient(result), (_, _) => null, onRetry);

    /// <summary>
    /// Idempotent GitHub API calls through Octokit (listings, reads, and deletions of a version by its id, which
    /// GitHub answers 404 once done): retried on a rate limit, 408, 429, 5xx or a dropped connection
    /// (<see cref="GitHubFailures.IsTransient"/>), waiting what GitHub asked (a rate limit's reset, <c>Retry-After</c>)
    /// up to <paramref name="maximumServerWait"/>.
    /// </summary>
    public static ResiliencePipeline GitHubReads(Backoff backoff, TimeProvider time, TimeSpan maximumServerWait, Action<OnRetryArguments<object>> onRetry) =>
        GitHub(backoff, time, maximumServerWait, GitHubFailures.IsTransient, onRetry);

    /// <summary>
    /// GitHub writes that are not idempotent (opening an issue, commenting, closing): never retried after a failure
    /// GitHub may have acted on. It may have carried out a request it answered 5xx to, or whose answer a dropped
    /// connection lost; a retry would then open a second issue or post the comment twice, so the caller reports the
    /// failure instead. Only a rate-limit refusal (<see cref="GitHubFailures.IsRateLimitRefusal"/>: GitHub did
    /// nothing) is waited out and sent again, as GitHub asks.
    /// </summary>
    public static ResiliencePipeline GitHubWrites(Backoff backoff, TimeProvider time, TimeSpan maximumServerWait, Action<OnRetryArguments<object>> onRetry) =>
        GitHub(backoff, time, maximumServerWait, GitHubFailures.IsRateLimitRefusal, onRetry);

    /// <summary>A dropped connection, a timeout, or a status worth asking again: 408, 429, 5xx.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TaskCanceledException { InnerException: TimeoutException } } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static ResiliencePipeline GitHub(Backoff backoff, TimeProvider time, TimeSpan maximumServerWait, Func<Exception, bool> isTransient,
        Action<OnRetryArguments<object>> onRetry)
    {
        if (backoff.Attempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        var options = Configure(new RetryStrategyOptions(), backoff, time, maximumServerWait,
            outcome => outcome.Exception is { } exception && isTransient(exception),
            (outcome, now) => outcome.Exception is { } exception ? GitHubFailures.ServerWait(exception, now) : null, onRetry);
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(options).Build();
    }

    private static ResiliencePipeline<HttpResponseMessage> Http(Backoff backoff, TimeProvider time, Action<OnRetryArguments<HttpResponseMessage>> onRetry) =>
        Build(new RetryStrategyOptions<HttpResponseMessage>(), backoff, time, MaximumServerWait, IsTransient,
            (outcome, now) => outcome.Result is { } response ? RetryAfter.From(response.Headers, now) : null, onRetry);

    private static ResiliencePipeline<T> Build<T>(RetryStrategyOptions<T> options, Backoff backoff, TimeProvider time, TimeSpan maximumServerWait,
        Func<Outcome<T>, bool> isTransient, Func<Outcome<T>, DateTimeOffset, TimeSpan?> serverWait, Action<OnRetryArguments<T>> onRetry) =>
        backoff.Attempts <= 1
            ? ResiliencePipeline<T>.Empty
            : new ResiliencePipelineBuilder<T> { TimeProvider = time }
                .AddRetry(Configure(options, backoff, time, maximumServerWait, isTransient, serverWait, onRetry))
                .Build();

    /// <summary>
    /// What every retrying kind shares. A server's wait is never shortened, and lengthened by up to a fifth so that
    /// legs told the same <c>Retry-After</c> spread out; without one, the back-off's jittered wait.
    /// </summary>
    private static TOptions Configure<TOptions, T>(TOptions options, Backoff backoff, TimeProvider time, TimeSpan maximumServerWait,
        Func<Outcome<T>, bool> isTransient, Func<Outcome<T>, DateTimeOffset, TimeSpan?> serverWait, Action<OnRetryArguments<T>> onRetry)
        where TOptions : RetryStrategyOptions<T>
    {
        options.MaxRetryAttempts = backoff.Attempts - 1;
        options.ShouldHandle = arguments =>
            ValueTask.FromResult(isTransient(arguments.Outcome) && !(serverWait(arguments.Outcome, time.GetUtcNow()) > maximumServerWait));
        options.DelayGenerator = arguments =>
        {
            var sample = Random.Shared.NextDouble();
            var wait = serverWait(arguments.Outcome, time.GetUtcNow()) is { } asked
                ? asked * (1 + sample / 5)
                : backoff.Jittered(arguments.AttemptNumber + 2, sample);
            return ValueTask.FromResult<TimeSpan?>(wait);
        };
        options.OnRetry = arguments =>
        {
            onRetry(arguments);
            return ValueTask.CompletedTask;
        };
        return options;
    }
}

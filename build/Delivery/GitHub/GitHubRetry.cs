using System.Globalization;
using System.Net;
using Delivery.Resilience;
using Octokit;
using Polly;
using Polly.Retry;
using Serilog;
using Tooling;

namespace Delivery.GitHub;

/// <summary>
/// Every GitHub API call of the build goes through here. <see cref="RunAsync{T}"/> is for idempotent calls (reads,
/// and deleting a package version by its id): a 5xx, 408, 429 or dropped connection is retried with jittered
/// back-off, or after GitHub's <c>Retry-After</c>; an exhausted rate limit is waited out when the reset is near
/// (<see cref="MaximumRateLimitWait"/>), else it fails saying until when. <see cref="WriteAsync{T}"/> is for writes
/// that are not idempotent: sent again only after a rate-limit refusal (<see cref="RetryPolicies.GitHubWrites"/>). Either way a rejected
/// token or a missing permission fails with what to change. Octokit follows pagination itself, so a call that lists
/// pages is retried as a whole.
/// </summary>
/// <param name="Logger">Where a retry is announced (the build's logger).</param>
public sealed record GitHubRetry(ILogger Logger)
{
    public Backoff Backoff { get; init; } = Backoff.Default;

    public TimeSpan MaximumRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock the waits run on; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task RunAsync(string operation, Func<Task> call, CancellationToken cancellationToken = default) =>
        await RunAsync(operation, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>An idempotent call: retried while GitHub's failure may pass (<see cref="RetryPolicies.GitHubReads"/>).</summary>
    public Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RetryPolicies.GitHubReads(Backoff, Time, MaximumRateLimitWait, LogRetry(operation)),
            idempotent: true, operation, call, cancellationToken);

    /// <summary>
    /// A write that is not idempotent (opening an issue, commenting, closing): only a rate-limit refusal is sent again
    /// (<see cref="RetryPolicies.GitHubWrites"/>).
    /// </summary>
    public Task<T> WriteAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RetryPolicies.GitHubWrites(Backoff, Time, MaximumRateLimitWait, LogRetry(operation)),
            idempotent: false, operation, call, cancellationToken);

    // Pipelines are built per call: a record's `with` copies must not share one made for other settings.
    private Action<OnRetryArguments<object>> LogRetry(string operation) => retry =>
        Logger.Warning("GitHub's API refused ({Operation}: {Reason}); attempt {Next} of {Attempts} in {Delay:0.#} s",
            operation, retry.Outcome.Exception?.Message, retry.AttemptNumber + 2, Backoff.Attempts, retry.RetryDelay.TotalSeconds);

    private async Task<T> ExecuteAsync<T>(ResiliencePipeline pipeline, bool idempotent, string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var attempt = 0;
        try
        {
            return await pipeline.ExecuteAsync(async _ =>
            {
                attempt++;
                return await call();
            }, cancellationToken);
        }
        catch (RateLimitExceededException exception)
        {
            var reset = exception.Reset.ToUniversalTime();
            throw new BuildFailedException(
                $"GitHub's API rate limit is exhausted until {reset.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({operation}). " +
                "Run again after that, or use a token with a higher limit.", exception);
        }
        catch (SecondaryRateLimitExceededException exception)
        {
            throw new BuildFailedException(
                $"GitHub's secondary rate limit still refuses ({operation}) after {attempt} attempt{(attempt == 1 ? "" : "s")} " +
                $"({RetryAfter.Describe(GitHubFailures.ServerWait(exception, Time.GetUtcNow()))}): too many requests in a short time. " +
                "Run again in a few minutes; GitHub asks clients to make requests one after another.", exception);
        }
        catch (AuthorizationException exception)
        {
            throw new BuildFailedException(
                $"GitHub rejected the token ({operation}): {exception.Message}. Set GITHUB_TOKEN to a valid token.", exception);
        }
        catch (ForbiddenException exception)
        {
            throw new BuildFailedException(
                $"The token may not do this ({operation}): {exception.Message}. Grant the workflow job the permission, or use a token that has it.", exception);
        }
        catch (ApiException exception) when (GitHubFailures.IsTransient(exception))
        {
            if (!idempotent && exception.StatusCode != HttpStatusCode.TooManyRequests)
            {
                throw new BuildFailedException(
                    $"GitHub's API answered {Describe(exception.StatusCode)} ({operation}); not retried, since GitHub may have done it anyway.", exception);
            }

            var rateLimited = exception.StatusCode == HttpStatusCode.TooManyRequests
                ? $" (rate limited, {RetryAfter.Describe(GitHubFailures.ServerWait(exception, Time.GetUtcNow()))})"
                : "";
            throw new BuildFailedException(
                $"GitHub's API kept failing ({operation}): {Describe(exception.StatusCode)} after {attempt} attempts{rateLimited}. Try again later; https://www.githubstatus.com says whether GitHub is degraded.",
                exception);
        }
        catch (HttpRequestException exception)
        {
            throw new BuildFailedException($"GitHub's API is unreachable ({operation}): {exception.Message}. Check GITHUB_API_URL and the network.", exception);
        }
    }

    private static string Describe(HttpStatusCode status) => $"{(int)status} {status}";
}

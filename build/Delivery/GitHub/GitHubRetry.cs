using System.Globalization;
using System.Net;
using BuildEngine;
using Delivery.Registry;
using Octokit;
using Serilog;

namespace Delivery.GitHub;

/// <summary>
/// Every GitHub API call of the build goes through here: a 5xx is retried with back-off; an exhausted rate limit
/// is waited out when the reset is near (<see cref="MaximumRateLimitWait"/>), else it fails saying until when;
/// a rejected token or a missing permission fails with what to change. Octokit follows pagination itself, so a
/// call that lists pages is retried as a whole.
/// </summary>
public sealed record GitHubRetry
{
    public static GitHubRetry Default { get; } = new();

    public Backoff Backoff { get; init; } = Backoff.Default;

    public TimeSpan MaximumRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a 5xx or a dropped connection is retried. Off for writes that are not idempotent (opening an issue,
    /// posting a comment): GitHub may have done what it answered 5xx to, and a retry would do it twice. A rate-limit
    /// refusal is still waited out: GitHub did nothing then.
    /// </summary>
    public bool RetriesServerErrors { get; init; } = true;

    /// <summary>Waits; tests replace it to keep time out of them.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task RunAsync(string operation, Func<Task> call, CancellationToken cancellationToken = default) =>
        await RunAsync(operation, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RateLimitExceededException exception)
            {
                var reset = exception.Reset.ToUniversalTime();
                var wait = reset - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
                if (attempt >= Backoff.Attempts || wait > MaximumRateLimitWait)
                {
                    throw new BuildFailedException(
                        $"GitHub's API rate limit is exhausted until {reset.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({operation}). " +
                        "Run again after that, or use a token with a higher limit.", exception);
                }

                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                Log.Warning("GitHub's API rate limit is exhausted ({Operation}); waiting {Seconds:0} s for its reset", operation, wait.TotalSeconds);
                await Delay(wait, cancellationToken);
            }
            catch (SecondaryRateLimitExceededException exception)
            {
                if (attempt >= Backoff.Attempts)
                {
                    throw new BuildFailedException(
                        $"GitHub's secondary rate limit still refuses ({operation}) after {attempt} attempts: too many requests in a short time. " +
                        "Run again in a few minutes; GitHub asks clients to make requests one after another.", exception);
                }

                var wait = Backoff.DelayBefore(attempt + 1);
                Log.Warning("GitHub's secondary rate limit ({Operation}): {Message}; retrying in {Seconds:0} s", operation, exception.Message, wait.TotalSeconds);
                await Delay(wait, cancellationToken);
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
            catch (ApiException exception) when ((int)exception.StatusCode >= 500 || exception.InnerException is HttpRequestException)
            {
                if (!RetriesServerErrors)
                {
                    throw new BuildFailedException(
                        $"GitHub's API answered {Describe(exception.StatusCode)} ({operation}); not retried, since GitHub may have done it anyway.", exception);
                }

                if (attempt >= Backoff.Attempts)
                {
                    throw new BuildFailedException(
                        $"GitHub's API kept failing ({operation}): {Describe(exception.StatusCode)} after {attempt} attempts. Try again later; https://www.githubstatus.com says whether GitHub is degraded.",
                        exception);
                }

                var wait = Backoff.DelayBefore(attempt + 1);
                Log.Warning("GitHub's API answered {Status} ({Operation}); retrying in {Seconds:0} s", Describe(exception.StatusCode), operation, wait.TotalSeconds);
                await Delay(wait, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new BuildFailedException($"GitHub's API is unreachable ({operation}): {exception.Message}. Check GITHUB_API_URL and the network.", exception);
            }
        }
    }

    private static string Describe(HttpStatusCode status) => $"{(int)status} {status}";
}

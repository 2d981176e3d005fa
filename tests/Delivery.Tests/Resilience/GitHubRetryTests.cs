using System.Collections.Concurrent;
using Delivery.GitHub;
using GitHubStandIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Octokit;
using Tooling;

namespace Delivery.Tests.Resilience;

/// <summary>
/// GitHub's policies through Octokit against a loopback Kestrel server that answers what a test queues: a write
/// answering 500 is sent once, a read answering 500 is retried, a 429's <c>Retry-After</c> is honoured.
/// </summary>
public sealed class GitHubRetryTests
{
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> answers = new();
    private WebApplication app = null!;
    private IGitHubClient client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        requests.Clear();
        answers.Clear();
        (app, var address) = await LoopbackServer.StartAsync(web => web.Run(async context =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            var (status, retryAfter) = answers.TryDequeue(out var answer) ? answer : (200, null);
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status == 200 ? "[]" : """{"message":"refused"}""");
        }));
        client = GitHubApi.CreateClient("test-token", address);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Test]
    public async Task A_write_answering_500_is_sent_exactly_once()
    {
        Answer(10, 500);
        var retry = new GitHubRetry(Serilog.Core.Logger.None) { Time = new FakeClock() };

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            retry.WriteAsync("open the failure issue", () => client.Issue.Create("acme", "gateway", new NewIssue("red"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("GitHub's API answered 500 InternalServerError (open the failure issue); not retried"));
            Assert.That(requests.Count(request => request.StartsWith("POST ", StringComparison.Ordinal)), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_read_answering_500_is_retried_as_the_back_off_says()
    {
        Answer(10, 500);
        var clock = new FakeClock();
        var retry = new GitHubRetry(Serilog.Core.Logger.None) { Time = clock };

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            retry.RunAsync("list the open failure issues", () => client.Issue.GetAllForRepository("acme", "gateway")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("GitHub's API kept failing (list the open failure issues): 500 InternalServerError after 4 attempts"));
            Assert.That(requests.Count(request => request.StartsWith("GET ", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(clock.Waits, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_read_answering_429_waits_its_Retry_After_and_succeeds()
    {
        Answer(1, 429, "7");
        var clock = new FakeClock();
        var retry = new GitHubRetry(Serilog.Core.Logger.None) { Time = clock };

        var issues = await retry.RunAsync("list the open failure issues", () => client.Issue.GetAllForRepository("acme", "gateway"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(issues, Is.Empty);
            Assert.That(clock.Waits.Single(), Is.InRange(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8.4)));
            Assert.That(requests, Has.Count.EqualTo(2));
        }
    }

    private void Answer(int times, int status, string? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            answers.Enqueue((status, retryAfter));
        }
    }
}

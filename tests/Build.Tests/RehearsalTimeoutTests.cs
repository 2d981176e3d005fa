using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Build.Tests;

/// <summary>
/// The rehearsal stops a step or a job that runs past its <c>timeout-minutes</c>, as GitHub's runner does, instead of
/// waiting for it: a hung test in a rehearsed job fails the job by name rather than the run that rehearses it. Needs the
/// offline lab: a Docker engine and the runner image.
/// </summary>
[Category("OfflineLab")]
public sealed class RehearsalTimeoutTests
{
    /// <summary>Two jobs: one step with a 3-second limit, and a job with a 6-second limit; both would sleep 10 minutes.</summary>
    private const string Workflow = """
        name: Timeouts
        on:
          workflow_dispatch:
        permissions:
          contents: read
        jobs:
          step-limit:
            runs-on: ubuntu-24.04
            steps:
              - name: Sleeps past its own limit
                timeout-minutes: 0.05
                run: sleep 600 & sleep 600
              - name: Runs after a failure
                if: always()
                run: echo after
          job-limit:
            runs-on: ubuntu-24.04
            timeout-minutes: 0.1
            steps:
              - name: Sleeps past the job's limit
                continue-on-error: true
                run: sleep 600
              - name: Skipped once cancelled
                run: echo never
              - name: Runs on cancellation
                if: cancelled()
                run: echo cancelled
        """;

    [Test]
    public async Task A_step_or_job_past_its_timeout_minutes_is_killed_and_fails_with_GitHubs_message()
    {
        using var clone = await RehearsalClone.CreateAsync();
        await clone.AddWorkflowAsync("timeouts.yml", Workflow);
        var clock = Stopwatch.StartNew();
        var result = await clone.RehearseAsync("--rehearse-event", "workflow_dispatch", "--rehearse-workflow", "timeouts.yml", "--profile", "offline");
        clock.Stop();

        var jobs = clone.Report()["workflows"]![0]!["jobs"]!.AsArray();
        var stepLimit = Job(jobs, "step-limit");
        var jobLimit = Job(jobs, "job-limit");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.StandardOutput);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(3)), "the sleeps were waited for");

            Assert.That(stepLimit["conclusion"]!.ToString(), Is.EqualTo("failure"));
            Assert.That(Steps(stepLimit), Is.EqualTo(new[]
            {
                "Sleeps past its own limit: failure: The action 'Sleeps past its own limit' has timed out after 0.05 minutes.",
                "Runs after a failure: success: ",
            }));
            Assert.That(Step(stepLimit, 0)["durationSeconds"]!.GetValue<double>(), Is.InRange(3, 40));

            // continue-on-error does not hold against the job's own limit: the job is cancelled.
            Assert.That(jobLimit["conclusion"]!.ToString(), Is.EqualTo("failure"));
            Assert.That(jobLimit["error"]!.ToString(), Is.EqualTo("Sleeps past the job's limit: The job has exceeded the maximum execution time of 0.1 minutes."));
            Assert.That(Steps(jobLimit), Is.EqualTo(new[]
            {
                "Sleeps past the job's limit: failure: The job has exceeded the maximum execution time of 0.1 minutes.",
                "Skipped once cancelled: skipped: ",
                "Runs on cancellation: success: ",
            }));
            Assert.That(clone.ProcessesStillRunning(), Is.Empty);
        });
    }

    private static JsonNode Job(JsonArray jobs, string id) => jobs.First(job => job!["id"]!.ToString() == id)!;

    private static JsonNode Step(JsonNode job, int index) => job["steps"]![index]!;

    private static IEnumerable<string> Steps(JsonNode job) =>
        job["steps"]!.AsArray().Select(step => $"{step!["name"]}: {step["conclusion"]}: {step["error"]}");
}

using Delivery.Registry;
using Tooling;

namespace Delivery.Tests.Registry;

/// <summary>
/// <see cref="DockerPushOutput.FailureCause"/> on docker push outputs as Docker 26 printed them (containerd and classic
/// image store) when the registry went away mid-push, refused the credentials, or said nothing useful.
/// </summary>
public sealed class DockerPushOutputTests
{
    private const string Header = "The push refers to repository [127.0.0.1:5000/gateway]";

    [Test]
    public void A_registry_killed_mid_push_is_named_by_its_connection_error_not_by_the_repository_line()
    {
        // The classic store's progress, then the error on standard error (2026-12-06, registry stopped after two layers).
        var result = new ToolResult(1,
            [
                Header,
                "5f70bf18a086: Preparing",
                "3a1d1c0b9c2e: Preparing",
                "5f70bf18a086: Pushed",
                "3a1d1c0b9c2e: Retrying in 5 seconds",
                "3a1d1c0b9c2e: Retrying in 1 second",
            ],
            ["Put \"http://127.0.0.1:5000/v2/gateway/blobs/uploads/8d0e6c1f?_state=x&digest=sha256%3A3a1d\": dial tcp 127.0.0.1:5000: connect: connection refused"]);

        Assert.That(DockerPushOutput.FailureCause(result), Does.EndWith("dial tcp 127.0.0.1:5000: connect: connection refused"));
    }

    [Test]
    public void The_containerd_stores_push_error_after_the_repository_line_is_the_cause()
    {
        var result = new ToolResult(1, [Header],
            ["failed to do request: Head \"http://127.0.0.1:5000/v2/gateway/blobs/sha256:9f1c\": dial tcp 127.0.0.1:5000: connect: connection refused"]);

        Assert.That(DockerPushOutput.FailureCause(result), Does.StartWith("failed to do request").And.EndWith("connection refused"));
    }

    [Test]
    public void An_error_printed_on_standard_output_is_found_there()
    {
        var result = new ToolResult(1, [Header, "5f70bf18a086: Preparing", "unauthorized: authentication required"], []);

        Assert.That(DockerPushOutput.FailureCause(result), Is.EqualTo("unauthorized: authentication required"));
    }

    [Test]
    public void A_repository_whose_name_looks_like_an_error_is_still_not_the_cause()
    {
        var result = new ToolResult(1, ["The push refers to repository [127.0.0.1:5000/push-error-e2e]"], ["EOF"]);

        Assert.That(DockerPushOutput.FailureCause(result), Is.EqualTo("EOF"));
    }

    [Test]
    public void The_last_standard_error_line_stands_when_no_line_reads_as_an_error()
    {
        var result = new ToolResult(1, [Header], ["something odd happened", "the registry went quiet"]);

        Assert.That(DockerPushOutput.FailureCause(result), Is.EqualTo("the registry went quiet"));
    }

    [Test]
    public void With_no_output_at_all_the_exit_code_is_the_cause()
    {
        Assert.That(DockerPushOutput.FailureCause(new ToolResult(137, [], [])), Is.EqualTo("exit code 137"));
    }
}

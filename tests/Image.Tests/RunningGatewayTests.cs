using System.Net;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>Read-only checks of one gateway container started as the image defines it (no extra options).</summary>
[TestFixture]
[Category("Image")]
public sealed class RunningGatewayTests
{
    private const string ImageUid = "1654";
    private Container? _gateway;

    private Container Gateway => _gateway ?? throw new InvalidOperationException("The gateway container did not start.");

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _gateway = await Container.StartAsync(ImagesUnderTest.Gateway);
        await Gateway.WaitUntilRespondingAsync("/healthz/ready");
    }

    [OneTimeTearDown]
    public async Task RemoveGateway()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Test]
    public async Task BecomesHealthyThroughTheImagesOwnShellFreeHealthcheck()
    {
        Assert.That(await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{json .Config.Healthcheck.Test}}"),
            Is.EqualTo("""["CMD","/app/entrypoint","--health"]"""), "HEALTHCHECK in exec form: the image has no shell");

        // The first check runs one interval (10 s) after the start; unhealthy needs three failures after the start period.
        await Gateway.WaitForHealthStatusAsync("healthy", TimeSpan.FromSeconds(45));
    }

    [Test]
    public async Task AnswersReadyOnThePortItListensOn()
    {
        // Host networking: no -p publishing here; the container listens on ASPNETCORE_HTTP_PORTS in the host's namespace.
        using var response = await LoopbackHttp.Client.GetAsync(Gateway.Url("/healthz/ready"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ServesMetricsOnTheManagementPortOnly()
    {
        // A request first, so the request-duration histogram has a point.
        using var ready = await LoopbackHttp.Client.GetAsync(Gateway.Url("/healthz/ready"));
        using var publicMetrics = await LoopbackHttp.Client.GetAsync(Gateway.Url("/metrics"));
        using var managementMetrics = await LoopbackHttp.Client.GetAsync(Gateway.ManagementUrl("/metrics"));
        using var publicReport = await LoopbackHttp.Client.GetAsync(Gateway.Url("/healthz"));
        using var managementReport = await LoopbackHttp.Client.GetAsync(Gateway.ManagementUrl("/healthz"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(publicMetrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "/metrics on the public port");
            Assert.That(managementMetrics.StatusCode, Is.EqualTo(HttpStatusCode.OK), "/metrics on the management port");
            Assert.That(await managementMetrics.Content.ReadAsStringAsync(), Does.Contain("http_server_request_duration_seconds"));
            Assert.That(publicReport.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "/healthz (every check) on the public port");
            Assert.That(await managementReport.Content.ReadAsStringAsync(), Does.Contain("\"upstreams\""));
        }
    }

    [Test]
    public async Task ExposesThePublicAndManagementPortsAndEchoOnlyItsPublicPort()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{json .Config.ExposedPorts}}"), Is.EqualTo("""{"8080/tcp":{},"8081/tcp":{}}"""));
            Assert.That(await DockerCli.InspectAsync(ImagesUnderTest.Echo, "{{json .Config.ExposedPorts}}"), Is.EqualTo("""{"8080/tcp":{}}"""));
        }
    }

    [Test]
    public async Task RunsAsTheNonRootAppUser()
    {
        var configuredUser = await DockerCli.InspectAsync(ImagesUnderTest.Gateway, "{{.Config.User}}");
        var processUids = await Gateway.ProcessUidsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(configuredUser, Is.EqualTo(ImageUid), "USER of the image");
            Assert.That(processUids, Is.Not.Empty.And.All.EqualTo(ImageUid), "UIDs of the container's processes, seen from the host");
        }
    }

    [Test]
    public async Task WritesNothingOutsideTmp()
    {
        // A request first, so that anything written lazily (caches, keys) has had its chance.
        using var response = await LoopbackHttp.Client.GetAsync(Gateway.ManagementUrl("/metrics"));
        var changes = await DockerCli.RunCheckedAsync(["diff", Gateway.Name]);

        // docker diff lines: "C /path", "A /path", "D /path".
        var changedOutsideTmp = changes.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[2..])
            .Where(path => path != "/tmp" && !path.StartsWith("/tmp/", StringComparison.Ordinal));
        Assert.That(changedOutsideTmp, Is.Empty, $"docker diff of the running gateway:{Environment.NewLine}{changes}");
    }
}

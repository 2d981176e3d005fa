using Gateway.Management;

namespace Gateway.Tests.Management;

/// <summary>The management listener joins the web host's own URL setting, on the same host(s) as the public URL(s).</summary>
public sealed class ListenUrlsTests
{
    [TestCase("http://127.0.0.1:0", null, "http://127.0.0.1:9000", "urls=http://127.0.0.1:0;http://127.0.0.1:9000")]
    [TestCase("http://[::1]:8080", null, "http://[::1]:9000", "urls=http://[::1]:8080;http://[::1]:9000")]
    [TestCase("http://localhost:8080", "7000", "http://localhost:9000", "urls=http://localhost:8080;http://localhost:9000")]
    [TestCase("http://+:8080;http://127.0.0.1:8090", null, "http://+:9000", "urls=http://+:8080;http://127.0.0.1:8090;http://+:9000")]
    [TestCase("http://127.0.0.1:8080;http://[::1]:8080", null, "http://127.0.0.1:9000;http://[::1]:9000", "urls=http://127.0.0.1:8080;http://[::1]:8080;http://127.0.0.1:9000;http://[::1]:9000")]
    [TestCase(null, "8080", "http://*:9000", "http_ports=8080;9000")]
    [TestCase(null, null, "http://localhost:9000", "urls=http://localhost:5000;http://localhost:9000")]
    public void Management_url_follows_the_public_hosts(string? urls, string? httpPorts, string expectedManagement, string expectedSetting)
    {
        var listenUrls = ListenUrls.Resolve(Configuration(urls, httpPorts), 9000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(string.Join(';', listenUrls.Management), Is.EqualTo(expectedManagement));
            Assert.That($"{listenUrls.HostSetting!.Value.Key}={listenUrls.HostSetting.Value.Value}", Is.EqualTo(expectedSetting));
        }
    }

    [TestCase("http://*:9000", null)]
    [TestCase(null, "8080;9000")]
    [TestCase("http://127.0.0.1:8080", null, 0)]
    [TestCase("http://127.0.0.1:8080", null, 65536)]
    public void A_management_port_that_is_public_or_out_of_range_binds_nothing_extra(string? urls, string? httpPorts, int managementPort = 9000)
    {
        var listenUrls = ListenUrls.Resolve(Configuration(urls, httpPorts), managementPort);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listenUrls.Management, Is.Empty);
            Assert.That(listenUrls.HostSetting, Is.Null, "the host's own setting stays as configured; validation names the key");
        }
    }

    [Test]
    public void Public_ports_leave_out_a_dynamic_port()
    {
        var listenUrls = ListenUrls.Resolve(Configuration("http://127.0.0.1:0;http://127.0.0.1:8080", null), 9000);

        Assert.That(listenUrls.PublicPorts, Is.EquivalentTo(new[] { 8080 }));
    }

    private static IConfiguration Configuration(string? urls, string? httpPorts) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();
}

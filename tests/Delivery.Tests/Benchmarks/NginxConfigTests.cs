using System.Diagnostics;
using Delivery.Benchmarks;
using TestSupport;

namespace Delivery.Tests.Benchmarks;

/// <summary>The benchmark's generated nginx configurations: as committed, and accepted by nginx itself.</summary>
public sealed class NginxConfigTests
{
    private const string Prefix = "/work/.nuke/temp/benchmark";

    [Test]
    public void The_static_upstream_answers_from_memory() =>
        Snapshot.Match(NginxConfig.StaticUpstream($"{Prefix}/nginx-upstream", 40001), "NginxStaticUpstream");

    [Test]
    public void The_reference_proxy_keeps_its_upstream_connections() =>
        Snapshot.Match(NginxConfig.Proxy($"{Prefix}/nginx-proxy", 40002, 40001), "NginxProxy");

    [TestCase("upstream")]
    [TestCase("proxy")]
    [Category("OfflineLab")] // nginx, which scripts/ci/setup-offline.sh installs and a GitHub test job does not
    public void Nginx_accepts_the_configuration(string which)
    {
        const string nginx = "/usr/sbin/nginx";
        Assert.That(File.Exists(nginx), Is.True, $"{nginx} is not installed: apt-get install nginx (scripts/ci/setup-offline.sh installs it).");

        var prefix = Directory.CreateTempSubdirectory("nginx-config-").FullName;
        try
        {
            var config = Path.Combine(prefix, "nginx.conf");
            File.WriteAllText(config, which == "upstream" ? NginxConfig.StaticUpstream(prefix, 40001) : NginxConfig.Proxy(prefix, 40002, 40001));
            using var process = Process.Start(new ProcessStartInfo(nginx, ["-t", "-p", prefix, "-c", config]) { RedirectStandardError = true })!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();

            Assert.That(process.ExitCode, Is.Zero, errors);
            Assert.That(errors, Does.Contain("syntax is ok"));
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }
}

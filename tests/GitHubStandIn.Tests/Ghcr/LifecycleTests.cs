using System.Net.Sockets;

namespace GitHubStandIn.Tests.Ghcr;

/// <summary>Starting and stopping the stand-ins leaves nothing running: not docker-registry, not the fronts, not after a cancelled start.</summary>
[TestFixture]
[Category("OfflineLab")]
public sealed class LifecycleTests
{
    private string storage = null!;

    [SetUp]
    public void CreateStorage() => storage = Directory.CreateTempSubdirectory("ghcr-standin-lifecycle-").FullName;

    [TearDown]
    public void DeleteStorage() => Directory.Delete(storage, recursive: true);

    [Test]
    public async Task Disposing_stops_docker_registry_and_both_fronts_and_keeps_the_callers_storage()
    {
        var standIns = await GitHubStandIns.StartAsync("acme/gateway", "main", storage);
        var running = StandInProcesses.ServingFrom(storage);
        var registry = standIns.Registry.Address;
        var api = standIns.Api.BaseUrl;

        await standIns.DisposeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(running, Has.Count.EqualTo(1), "one docker-registry while they run");
            Assert.That(StandInProcesses.ServingFrom(storage), Is.Empty);
            Assert.That(await AcceptsAsync(registry), Is.False);
            Assert.That(await AcceptsAsync(api.Authority), Is.False);
            Assert.That(File.Exists(Path.Combine(storage, "config.yml")), Is.True, "the storage directory is the caller's");
        }
    }

    [Test]
    public async Task A_cancelled_start_stops_what_it_had_started()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.CatchAsync<OperationCanceledException>(() => GitHubStandIns.StartAsync("acme/gateway", "main", storage, cancelled.Token));

        Assert.That(StandInProcesses.ServingFrom(storage), Is.Empty);
    }

    [Test]
    public async Task A_second_registry_on_one_API_is_refused_and_leaves_the_first_working()
    {
        await using var standIns = await GitHubStandIns.StartAsync("acme/gateway", "main", storage);
        var second = Path.Combine(storage, "second");

        await Assert.ThrowsAsync<InvalidOperationException>(() => GhcrStandIn.StartAsync(standIns.Api, second));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(StandInProcesses.ServingFrom(second), Is.Empty);
            Assert.That(await AcceptsAsync(standIns.Registry.Address), Is.True);
        }
    }

    private static async Task<bool> AcceptsAsync(string address)
    {
        var colon = address.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

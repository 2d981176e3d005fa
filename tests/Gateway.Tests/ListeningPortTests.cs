using Shared.Health;

namespace Gateway.Tests;

public sealed class ListeningPortTests
{
    [TestCase(null, null, 8080)]
    [TestCase(null, "9090", 9090)]
    [TestCase(null, "9090;9091", 9090)]
    [TestCase("http://+:7070", "9090", 7070)]
    [TestCase("http://*:7071", null, 7071)]
    [TestCase("http://127.0.0.1:7072", null, 7072)]
    public void Port_is_resolved_like_kestrel_does(string? urls, string? httpPorts, int expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.That(ListeningPort.Resolve(configuration), Is.EqualTo(expected));
    }
}

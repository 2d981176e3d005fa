namespace Delivery.Tests.Registry;

/// <summary>A fresh <see cref="TokenRegistry"/> and HTTP client for every test of a fixture that talks to one.</summary>
public abstract class TokenRegistryFixture
{
    private protected TokenRegistry Registry { get; private set; } = null!;

    private protected HttpClient Http { get; private set; } = null!;

    [SetUp]
    public async Task StartRegistryAsync()
    {
        Registry = await TokenRegistry.StartAsync();
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task StopRegistryAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
    }
}

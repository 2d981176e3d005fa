namespace Image.Tests.Infrastructure;

/// <summary>
/// A container created from an image and never started, for reading the image's filesystem (<c>docker export</c>,
/// <c>docker cp</c>); labelled like every container these tests make, and removed on dispose.
/// </summary>
public sealed class CreatedContainer : IAsyncDisposable
{
    private CreatedContainer(string name) => Name = name;

    public string Name { get; }

    public static async Task<CreatedContainer> CreateAsync(string image)
    {
        var name = $"image-test-created-{Guid.NewGuid():N}"[..28];
        await DockerCli.RunCheckedAsync(["create", "--name", name, "--label", Container.Label, image]);
        return new CreatedContainer(name);
    }

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync(["rm", "--force", Name]);
}

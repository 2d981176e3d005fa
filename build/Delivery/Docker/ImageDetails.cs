namespace Delivery.Docker;

/// <summary>
/// What the local engine knows of a built image: <see cref="Size"/> is the unpacked size (<see cref="DockerCli.InspectAsync"/>
/// says how each image store reports it), <see cref="LayerCount"/> counts RootFS.Layers, <see cref="Environment"/> is
/// Config.Env (<c>NAME=value</c> entries, the base image's and the Dockerfile's).
/// </summary>
public sealed record ImageDetails(string Id, long Size, string Architecture, string Os, int LayerCount = 0, IReadOnlyList<string>? Environment = null)
{
    public string Platform => $"{Os}/{Architecture}";
}

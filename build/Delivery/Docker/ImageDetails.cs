namespace Delivery.Docker;

/// <summary>What the local engine knows of a built image.</summary>
public sealed record ImageDetails(string Id, long Size, string Architecture, string Os)
{
    public string Platform => $"{Os}/{Architecture}";
}

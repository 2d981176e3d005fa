using Delivery.MultiArch;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// An image for <see cref="TestOciLayout"/> to write: its layers and the config fields a rebuild can change. Where the
/// platform is declared can be turned off, index entry and config each, as single-platform builds may leave it out.
/// </summary>
internal sealed class TestImage(TargetPlatform platform)
{
    public TargetPlatform Platform { get; } = platform;

    public List<TestLayer> Layers { get; } = [];

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public List<string> Env { get; } = ["PATH=/usr/local/bin:/usr/bin:/bin", "DOTNET_VERSION=10.0.1"];

    public string Created { get; set; } = "2026-12-06T10:00:00Z";

    public bool PlatformInIndex { get; set; } = true;

    public bool PlatformInConfig { get; set; } = true;
}

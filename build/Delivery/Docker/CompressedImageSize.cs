using Serilog;

namespace Delivery.Docker;

/// <summary>
/// The compressed size of a local image that was not pushed: <c>docker save</c> into a temporary archive, each layer
/// gzipped into a counter (<see cref="ImageArchive"/>), the archive deleted. About 5 s for the 125 MB gateway image.
/// </summary>
public static class CompressedImageSize
{
    public static async Task<long> MeasureAsync(DockerCli docker, string image, string temporaryDirectory, ILogger log, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(temporaryDirectory);
        var archive = Path.Combine(temporaryDirectory, $"image-{Guid.NewGuid():N}.tar");
        try
        {
            await docker.SaveAsync(image, archive);
            var layers = await ImageArchive.MeasureLayersAsync(archive, cancellation);
            log.Debug("{Image}: {Layers} layers, {Stored} bytes stored, {Compressed} bytes gzipped",
                image, layers.Count, layers.Sum(layer => layer.StoredBytes), layers.Sum(layer => layer.CompressedBytes));
            return layers.Sum(layer => layer.CompressedBytes);
        }
        finally
        {
            File.Delete(archive);
        }
    }
}

using System.Formats.Tar;
using System.Text;
using Delivery.Docker;

namespace Delivery.Tests.Docker;

/// <summary>
/// The compressed size of a <c>docker save</c> archive, on archives shaped like the engine writes them (the legacy
/// layout: <c>&lt;id&gt;/layer.tar</c>, a repeated layer stored once and linked). ImageMeasurementTests (Image.Tests) checks
/// a real one against gzip.
/// </summary>
public sealed class ImageArchiveTests
{
    private string archive = null!;

    [SetUp]
    public void CreateArchivePath() => archive = Path.Combine(Path.GetTempPath(), $"image-archive-{Guid.NewGuid():N}.tar");

    [TearDown]
    public void DeleteArchive() => File.Delete(archive);

    [Test]
    public async Task A_layer_stored_once_and_linked_counts_for_every_place_the_image_lists_it()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("gateway metrics\n", 10_000)));
        await WriteArchiveAsync(writer =>
        {
            Add(writer, "aaa/layer.tar", text);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bbb/layer.tar") { LinkName = "../aaa/layer.tar" });
            Add(writer, "ccc/layer.tar", new byte[1000]);
            Add(writer, "manifest.json", Encoding.UTF8.GetBytes("""[{"Config":"x.json","Layers":["aaa/layer.tar","bbb/layer.tar","ccc/layer.tar"]}]"""));
        });

        var layers = await ImageArchive.MeasureLayersAsync(archive);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(layers.Select(layer => layer.StoredBytes), Is.EqualTo(new long[] { text.Length, text.Length, 1000 }));
            Assert.That(layers[0].CompressedBytes, Is.GreaterThan(0).And.LessThan(text.Length / 50), "repetitive text shrinks a lot");
            Assert.That(layers[1], Is.EqualTo(layers[0]));
        }
    }

    [Test]
    public async Task A_layer_that_is_gzip_already_counts_as_it_is()
    {
        byte[] gzipped = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3];
        await WriteArchiveAsync(writer =>
        {
            Add(writer, "manifest.json", Encoding.UTF8.GetBytes("""[{"Layers":["blobs/sha256/abc"]}]"""));
            Add(writer, "blobs/sha256/abc", gzipped);
        });

        Assert.That((await ImageArchive.MeasureLayersAsync(archive)).Single(), Is.EqualTo(new LayerSize(gzipped.Length, gzipped.Length)));
    }

    [Test]
    public async Task An_archive_without_a_manifest_is_no_docker_save_archive()
    {
        await WriteArchiveAsync(writer => Add(writer, "layer.tar", [1, 2, 3]));

        Assert.That(async () => await ImageArchive.MeasureLayersAsync(archive), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no manifest.json"));
    }

    private async Task WriteArchiveAsync(Action<TarWriter> write)
    {
        await using var stream = File.Create(archive);
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        write(writer);
    }

    private static void Add(TarWriter writer, string name, byte[] data) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
}

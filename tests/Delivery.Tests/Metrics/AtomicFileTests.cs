using Delivery.Metrics;

namespace Delivery.Tests.Metrics;

/// <summary>artifacts/build-metrics.json is replaced in one step: never half written, never a temporary file left.</summary>
public sealed class AtomicFileTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Creates_the_file_and_its_directory()
    {
        var path = Path.Combine(directory, "artifacts", "build-metrics.json");

        AtomicFile.WriteAllText(path, "{}\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("{}\n"));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");
        }
    }

    [Test]
    public void Replaces_an_existing_file_whole()
    {
        var path = Path.Combine(directory, "build-metrics.json");
        File.WriteAllText(path, new string('x', 10_000));

        AtomicFile.WriteAllText(path, "new");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
            Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public void A_write_that_cannot_complete_leaves_what_was_there_and_no_temporary_file()
    {
        // A directory where the file should go: the final move fails after the temporary file was written.
        var path = Path.Combine(directory, "build-metrics.json");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "kept.txt"), "kept");

        Assert.That(() => AtomicFile.WriteAllText(path, "new"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(Path.Combine(path, "kept.txt")), Is.EqualTo("kept"));
            Assert.That(Directory.GetFiles(directory), Is.Empty, "no temporary file left");
        }
    }
}

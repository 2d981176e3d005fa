using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// A layer for a test image: entries in tar order (adding a name again replaces that entry where it stands, so a
/// second build can change one file of a copy), its media type and how hard it is gzipped.
/// </summary>
internal sealed class TestLayer
{
    public const string Gzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string Uncompressed = "application/vnd.oci.image.layer.v1.tar";
    public const string Zstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string DockerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>SOURCE_DATE_EPOCH of the test builds: every entry's mtime unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode ExecutableMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public List<LayerEntry> Entries { get; } = [];

    public string MediaType { get; set; } = Gzip;

    public CompressionLevel Compression { get; set; } = CompressionLevel.Optimal;

    /// <summary>Store the plain tar whatever <see cref="MediaType"/> says: a damaged archive.</summary>
    public bool Mislabelled { get; set; }

    public TestLayer Directory(string name) => Put(new LayerEntry(name.TrimEnd('/') + "/", TarEntryType.Directory, [], ExecutableMode, Epoch));

    public TestLayer File(string name, string content, UnixFileMode mode = FileMode, DateTimeOffset? modified = null, int uid = 0, int gid = 0) =>
        Put(new LayerEntry(name, TarEntryType.RegularFile, Encoding.UTF8.GetBytes(content), mode, modified ?? Epoch, Uid: uid, Gid: gid));

    public TestLayer Symlink(string name, string target) => Put(new LayerEntry(name, TarEntryType.SymbolicLink, [], ExecutableMode, Epoch, target));

    public TestLayer HardLink(string name, string target) => Put(new LayerEntry(name, TarEntryType.HardLink, [], FileMode, Epoch, target));

    /// <summary><c>.wh.NAME</c> beside the path: deletes it (and what is below it) from the layers underneath.</summary>
    public TestLayer Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? $".wh.{path}" : $"{path[..slash]}/.wh.{path[(slash + 1)..]}", "");
    }

    /// <summary><c>DIR/.wh..wh..opq</c>: DIR keeps only what this layer puts there.</summary>
    public TestLayer Opaque(string directory) => File($"{directory.TrimEnd('/')}/.wh..wh..opq", "");

    /// <summary>The layer as an uncompressed tar: what the config's diff ID is the digest of.</summary>
    public byte[] Tar()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in Entries)
            {
                var tarEntry = new PaxTarEntry(entry.Type, entry.Name)
                {
                    Mode = entry.Mode,
                    ModificationTime = entry.ModificationTime,
                    Uid = entry.Uid,
                    Gid = entry.Gid,
                };
                // The tar API takes data only for files, and a link name only for links.
                if (entry.Type is TarEntryType.RegularFile)
                {
                    tarEntry.DataStream = new MemoryStream(entry.Content);
                }
                else if (entry.LinkName is not null)
                {
                    tarEntry.LinkName = entry.LinkName;
                }

                writer.WriteEntry(tarEntry);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The blob as the archive stores it: gzipped for a gzip media type (OCI's or Docker's), else the tar as it is (a zstd layer is never read).</summary>
    public byte[] Blob()
    {
        if (Mislabelled || !MediaType.EndsWith("gzip", StringComparison.Ordinal))
        {
            return Tar();
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, Compression, leaveOpen: true))
        {
            gzip.Write(Tar());
        }

        return buffer.ToArray();
    }

    private TestLayer Put(LayerEntry entry)
    {
        var index = Entries.FindIndex(existing => existing.Name == entry.Name);
        if (index < 0)
        {
            Entries.Add(entry);
        }
        else
        {
            Entries[index] = entry;
        }

        return this;
    }
}

using System.Formats.Tar;
using System.Security.Cryptography;

namespace Delivery.Reproducibility;

/// <summary>
/// The filesystem an image's layers add up to, as a container would see it: each layer applied over the ones below,
/// with OCI whiteouts (<c>.wh.NAME</c> deletes NAME, <c>.wh..wh..opq</c> empties its directory of what lower layers put
/// there). Content is hashed while the layer streams by and never kept. <see cref="Layers"/> holds what each layer's
/// tar says as it says it (whiteout entries included), for differences a later layer hides from the final tree.
/// </summary>
public sealed class ImageFileTree
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private const string XattrPrefix = "SCHILY.xattr.";

    private readonly Dictionary<string, ImageFile> files = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyDictionary<string, ImageFile>> layers = [];

    private ImageFileTree()
    {
    }

    /// <summary>The final filesystem, by absolute path.</summary>
    public IReadOnlyDictionary<string, ImageFile> Files => files;

    /// <summary>Per layer, bottom first: its entries by absolute path, whiteouts as the (empty) files they are in the tar.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ImageFile>> Layers => layers;

    public static ImageFileTree Read(OciArchive archive, OciImage image)
    {
        var tree = new ImageFileTree();
        foreach (var (layer, number) in image.Layers.Select((layer, index) => (layer, index + 1)))
        {
            using var tar = archive.OpenLayer(layer);
            try
            {
                tree.Apply(tar);
            }
            catch (Exception damaged) when (damaged is InvalidDataException or EndOfStreamException)
            {
                // gzip and tar errors name neither the archive nor the layer; a report of two archives needs both.
                throw new InvalidDataException($"{archive.Path}: layer {number} ({layer.Digest}) cannot be read: {damaged.Message}", damaged);
            }
        }

        return tree;
    }

    /// <summary>
    /// One layer over the tree. Whiteouts apply to the layers below only (the OCI rule), so the layer is read whole
    /// first, then its deletions are made, then its entries added in tar order.
    /// </summary>
    private void Apply(Stream layerTar)
    {
        var entries = new List<ImageFile>();
        var changes = new Dictionary<string, ImageFile>(StringComparer.Ordinal);
        var opaque = new List<string>();
        var deleted = new List<string>();
        using (var reader = new TarReader(layerTar))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var file = Describe(entry);
                changes[file.Path] = file;
                var name = file.Path[(file.Path.LastIndexOf('/') + 1)..];
                var directory = Parent(file.Path);
                if (name == OpaqueWhiteout)
                {
                    opaque.Add(directory);
                }
                else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                {
                    deleted.Add(Child(directory, name[WhiteoutPrefix.Length..]));
                }
                else
                {
                    entries.Add(file);
                }
            }
        }

        foreach (var directory in opaque)
        {
            RemoveBelow(directory);
        }

        foreach (var path in deleted)
        {
            files.Remove(path);
            RemoveBelow(path);
        }

        foreach (var file in entries)
        {
            Add(file);
        }

        layers.Add(changes);
    }

    private void Add(ImageFile file)
    {
        if (file.Type is not ImageFileType.Directory && files.TryGetValue(file.Path, out var existing) && existing.Type is ImageFileType.Directory)
        {
            // A file where a lower layer had a directory hides the directory's contents with it.
            RemoveBelow(file.Path);
        }

        // A hard link's content is its target's, which lies in this layer or a lower one.
        files[file.Path] = file.Type is ImageFileType.HardLink && file.LinkTarget is { } target && files.TryGetValue(target, out var linked)
            ? file with { Size = linked.Size, Sha256 = linked.Sha256 }
            : file;
    }

    private void RemoveBelow(string directory)
    {
        var prefix = directory == "/" ? "/" : directory + "/";
        foreach (var path in files.Keys.Where(path => path != directory && path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            files.Remove(path);
        }
    }

    private static ImageFile Describe(TarEntry entry)
    {
        var type = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => ImageFileType.File,
            TarEntryType.Directory => ImageFileType.Directory,
            TarEntryType.SymbolicLink => ImageFileType.SymbolicLink,
            TarEntryType.HardLink => ImageFileType.HardLink,
            TarEntryType.CharacterDevice => ImageFileType.CharacterDevice,
            TarEntryType.BlockDevice => ImageFileType.BlockDevice,
            TarEntryType.Fifo => ImageFileType.Fifo,
            _ => throw new InvalidDataException($"{entry.Name} is a tar entry of type {entry.EntryType}, which no image layer holds."),
        };
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (entry is PaxTarEntry pax)
        {
            foreach (var (key, value) in pax.ExtendedAttributes.Where(attribute => attribute.Key.StartsWith(XattrPrefix, StringComparison.Ordinal)))
            {
                attributes[key[XattrPrefix.Length..]] = value;
            }
        }

        var sha256 = type is ImageFileType.File
            ? Convert.ToHexStringLower(entry.DataStream is { } data ? SHA256.HashData(data) : SHA256.HashData([]))
            : null;
        var linkTarget = type switch
        {
            ImageFileType.SymbolicLink => entry.LinkName,
            ImageFileType.HardLink => Normalise(entry.LinkName),
            _ => null,
        };
        return new ImageFile(Normalise(entry.Name), type, entry.Mode, entry.Uid, entry.Gid, linkTarget,
            type is ImageFileType.File ? entry.Length : 0, sha256, entry.ModificationTime, attributes);
    }

    /// <summary><c>./app/</c>, <c>app</c> and <c>/app</c> are all <c>/app</c>: layer tars differ in how they spell paths.</summary>
    private static string Normalise(string name) =>
        "/" + string.Join('/', name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != "."));

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : "/";

    private static string Child(string directory, string name) => directory == "/" ? "/" + name : $"{directory}/{name}";
}

using System.Formats.Tar;

namespace Delivery.Tests.Reproducibility;

/// <summary>One entry of a test layer's tar, as <see cref="TestLayer"/> writes it.</summary>
internal sealed record LayerEntry(
    string Name,
    TarEntryType Type,
    byte[] Content,
    UnixFileMode Mode,
    DateTimeOffset ModificationTime,
    string? LinkName = null,
    int Uid = 0,
    int Gid = 0);

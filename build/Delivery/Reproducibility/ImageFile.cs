namespace Delivery.Reproducibility;

/// <summary>
/// One path of an image's filesystem with everything a rebuild could change about it: type, permissions, owner, link
/// target, content (size and SHA-256; a hard link carries its target's) and modification time, plus the extended
/// attributes (file capabilities live there). Paths are absolute: <c>/app/Gateway.dll</c>.
/// </summary>
public sealed record ImageFile(
    string Path,
    ImageFileType Type,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    string? LinkTarget,
    long Size,
    string? Sha256,
    DateTimeOffset ModificationTime,
    IReadOnlyDictionary<string, string> ExtendedAttributes);

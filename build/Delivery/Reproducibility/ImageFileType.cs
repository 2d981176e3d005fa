namespace Delivery.Reproducibility;

/// <summary>What a path in an image is; the tar's three kinds of regular file are one <see cref="File"/> here.</summary>
public enum ImageFileType
{
    File,
    Directory,
    SymbolicLink,
    HardLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
}

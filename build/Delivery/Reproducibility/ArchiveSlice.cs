using Microsoft.Win32.SafeHandles;

namespace Delivery.Reproducibility;

/// <summary>
/// One entry of a tar archive read in place: a read-only, seekable window onto the archive file. An OCI archive holds
/// every layer of every platform (~100 MB), so a blob is read from where the tar stores it rather than extracted or
/// loaded; each slice owns its own file handle, so several may be open at once.
/// </summary>
internal sealed class ArchiveSlice(SafeFileHandle file, long start, long length) : Stream
{
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public static ArchiveSlice Open(string archivePath, long start, long length) =>
        new(File.OpenHandle(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read), start, length);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var available = (int)Math.Min(buffer.Length, Math.Max(0, length - position));
        if (available == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(file, buffer[..available], start + position);
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}

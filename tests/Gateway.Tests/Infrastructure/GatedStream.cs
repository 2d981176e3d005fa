using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Standard output as the log writer sees it: keeps what is written, counts writes, and holds the first one until
/// opened (open from the start, it is a capture of a gateway's output). A write the gate holds for 30 s fails instead.
/// </summary>
public sealed class GatedStream(bool open) : Stream
{
    private static readonly TimeSpan NeverOpened = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim gate = new(open);
    private readonly MemoryStream written = new();
    private int writes;

    public ManualResetEventSlim WriteStarted { get; } = new();

    public int Writes => Volatile.Read(ref writes);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Open() => gate.Set();

    public IReadOnlyList<string> Lines()
    {
        lock (written)
        {
            return Encoding.UTF8.GetString(written.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        WriteStarted.Set();
        if (!gate.Wait(NeverOpened))
        {
            // A test that failed before opening the gate: the writer must not block the sink's disposal for good.
            throw new IOException($"the gate was not opened within {NeverOpened.TotalSeconds:0} s");
        }

        Interlocked.Increment(ref writes);
        lock (written)
        {
            written.Write(buffer, offset, count);
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
            WriteStarted.Dispose();
        }

        base.Dispose(disposing);
    }
}

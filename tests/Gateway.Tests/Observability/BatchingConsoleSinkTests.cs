using System.Text;
using Gateway.Observability;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Gateway.Tests.Observability;

public sealed class BatchingConsoleSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void Every_line_is_written_in_order_by_the_time_the_sink_is_disposed()
    {
        var output = new GatedStream(open: true);
        using (var sink = Sink(output))
        {
            for (var line = 0; line < 2_000; line++)
            {
                sink.Emit(Event($"line {line}"));
            }
        }

        Assert.That(output.Lines(), Is.EqualTo(Enumerable.Range(0, 2_000).Select(line => $"line {line}")));
    }

    [Test]
    public void A_lone_line_is_written_without_waiting_for_more()
    {
        var output = new GatedStream(open: true);
        using var sink = Sink(output);

        sink.Emit(Event("alone"));

        Assert.That(() => output.Lines(), Is.EqualTo(new[] { "alone" }).After((int)Patience.TotalMilliseconds, 10));
    }

    [Test]
    public void Lines_that_arrive_while_a_write_is_under_way_share_the_next_write()
    {
        var output = new GatedStream(open: false);
        using (var sink = Sink(output))
        {
            sink.Emit(Event("first"));
            Assert.That(output.WriteStarted.Wait(Patience), "the first line was never written");
            for (var line = 0; line < 300; line++)
            {
                sink.Emit(Event($"queued {line}"));
            }

            output.Open();
        }

        // One write for "first", then the 300 queued lines in one batch: one write per line would be 301.
        Assert.That(output.Writes, Is.LessThanOrEqualTo(3), $"{output.Writes} writes for 301 lines");
        Assert.That(output.Lines(), Has.Count.EqualTo(301));
    }

    [Test]
    public void A_full_queue_makes_the_caller_wait_instead_of_dropping_the_line()
    {
        var output = new GatedStream(open: false);
        using var sink = Sink(output, capacity: 2);
        sink.Emit(Event("being written"));
        Assert.That(output.WriteStarted.Wait(Patience), "the first line was never written");
        sink.Emit(Event("queued 1"));
        sink.Emit(Event("queued 2"));

        var blocked = Task.Run(() => sink.Emit(Event("waits")));

        Assert.That(blocked.Wait(TimeSpan.FromMilliseconds(300)), Is.False, "Emit returned although the queue was full");
        output.Open();
        Assert.That(blocked.Wait(Patience), "Emit still waits after the queue drained");
        Assert.That(() => output.Lines(), Is.EqualTo(new[] { "being written", "queued 1", "queued 2", "waits" }).After((int)Patience.TotalMilliseconds, 10));
    }

    [Test]
    public void A_line_that_cannot_be_formatted_does_not_stop_the_lines_after_it()
    {
        var output = new GatedStream(open: true);
        using (var sink = new BatchingConsoleSink(new ThrowingFormatter("poison"), output))
        {
            sink.Emit(Event("before"));
            sink.Emit(Event("poison"));
            sink.Emit(Event("after"));
        }

        Assert.That(output.Lines(), Is.EqualTo(new[] { "before", "after" }));
    }

    private static BatchingConsoleSink Sink(Stream output, int capacity = 10_000) =>
        new(new MessageTemplateTextFormatter("{Message}{NewLine}"), output, capacity);

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    /// <summary>Formats the message text, and fails halfway through one text, as a property whose ToString throws would.</summary>
    private sealed class ThrowingFormatter(string poison) : Serilog.Formatting.ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            var text = logEvent.MessageTemplate.Text;
            if (text == poison)
            {
                output.Write("half a line ");
                throw new ArgumentException($"cannot format {text}");
            }

            output.Write(text + Environment.NewLine);
        }
    }

    /// <summary>Standard output as the sink sees it: counts writes, and holds the first one until opened.</summary>
    private sealed class GatedStream(bool open) : Stream
    {
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
            gate.Wait();
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
}

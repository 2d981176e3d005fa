using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Gateway.Observability;

/// <summary>
/// Log lines to standard output from one background thread, written in batches: the thread formats every event that is
/// waiting and then writes them with one write to the stream. The gateway writes a line per proxied request; one write
/// system call per line to the container's log pipe (containerd-shim, then dockerd) was what kept the container below
/// the same build on the host (docs/gateway.md#performance). Lines are not delayed: a lone event is written as soon as the
/// thread takes it; only events that arrive while it writes share the next write.
/// Serilog's events and the access log's entries (<see cref="AccessLogEntry"/>) share the one queue, so lines keep the
/// order they were logged in.
/// When <paramref name="capacity"/> lines wait, <c>Emit</c> blocks the caller: requests wait rather than lose log
/// lines. Disposing writes what is still queued.
/// </summary>
public sealed class BatchingConsoleSink : ILogEventSink, IDisposable
{
    /// <summary>At most this many events share a write, so a steady stream of events still reaches the pipe.</summary>
    private const int MaxBatch = 512;

    private readonly ITextFormatter formatter;
    private readonly IAccessLineFormatter accessLineFormatter;
    private readonly BlockingCollection<PendingLine> queue;
    private readonly StreamWriter writer;
    private readonly StringWriter line = new(System.Globalization.CultureInfo.InvariantCulture);
    private readonly Thread worker;
    private int disposed;

    public BatchingConsoleSink(ITextFormatter formatter, IAccessLineFormatter accessLineFormatter, Stream output, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.formatter = formatter;
        this.accessLineFormatter = accessLineFormatter;
        queue = new BlockingCollection<PendingLine>(capacity);
        // No AutoFlush: the worker flushes once per batch. The buffer holds a typical batch, so a batch is one write.
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        worker = new Thread(WriteBatches) { IsBackground = true, Name = "Gateway log writer" };
        worker.Start();
    }

    public void Emit(LogEvent logEvent) => Enqueue(new PendingLine(logEvent, null), logEvent.MessageTemplate.Text);

    public void Emit(AccessLogEntry entry) => Enqueue(new PendingLine(null, entry), AccessLogEntry.MessageTemplate);

    /// <summary>Both Serilog (which owns its sinks) and the service provider (which registered it) dispose the sink.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        queue.CompleteAdding();
        worker.Join();
        queue.Dispose();
        writer.Dispose();
        line.Dispose();
    }

    private void Enqueue(PendingLine line, string template)
    {
        try
        {
            queue.Add(line);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
        {
            // Disposed: the host has shut the logger down; a late line from a background thread has nowhere to go.
            SelfLog.WriteLine("A log line arrived after the console sink was disposed: {0}", template);
        }
    }

    private void WriteBatches()
    {
        foreach (var first in queue.GetConsumingEnumerable())
        {
            var batch = 1;
            Format(first);
            while (batch < MaxBatch && queue.TryTake(out var next))
            {
                Format(next);
                batch++;
            }

            try
            {
                writer.Flush();
            }
            catch (IOException exception)
            {
                // Standard output closed (the log reader went away): keep draining, so that callers never block on a dead pipe.
                SelfLog.WriteLine("Could not write log lines to standard output: {0}", exception.Message);
            }
        }
    }

    private void Format(PendingLine pending)
    {
        // Into a buffer first: a formatter that fails halfway must not leave half a line in front of the next one.
        var text = line.GetStringBuilder().Clear();
        try
        {
            if (pending.Event is { } logEvent)
            {
                formatter.Format(logEvent, line);
            }
            else
            {
                accessLineFormatter.Format(pending.AccessEntry!, line);
            }
        }
        catch (Exception exception)
        {
            // Any exception: this thread must not die, or callers would block on a full queue for good (a property whose
            // ToString throws is enough). The line is lost; the ones after it are not.
            SelfLog.WriteLine("Could not format a log line: {0}", exception.Message);
            return;
        }

        try
        {
            writer.Write(text);
        }
        catch (IOException exception)
        {
            SelfLog.WriteLine("Could not write a log line to standard output: {0}", exception.Message);
        }
    }

    /// <summary>One queued line: a Serilog event or an access log entry.</summary>
    private readonly record struct PendingLine(LogEvent? Event, AccessLogEntry? AccessEntry);
}

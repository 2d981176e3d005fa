using Gateway.Observability;
using Gateway.Tests.Infrastructure;
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
    public void Access_lines_and_serilog_events_keep_the_order_they_were_emitted_in()
    {
        var output = new GatedStream(open: true);
        using (var sink = Sink(output))
        {
            sink.Emit(Event("before"));
            sink.Emit(SampleAccessLogEntry.With(path: "/between"));
            sink.Emit(Event("after"));
        }

        var lines = output.Lines();
        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("before"));
        Assert.That(lines[1], Does.Contain(": GET /between via route"));
        Assert.That(lines[2], Is.EqualTo("after"));
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
        using (var sink = new BatchingConsoleSink(new ThrowingFormatter("poison"), new AccessLineTextFormatter(), output))
        {
            sink.Emit(Event("before"));
            sink.Emit(Event("poison"));
            sink.Emit(Event("after"));
        }

        Assert.That(output.Lines(), Is.EqualTo(new[] { "before", "after" }));
    }

    private static BatchingConsoleSink Sink(Stream output, int capacity = 10_000) =>
        new(new MessageTemplateTextFormatter("{Message}{NewLine}"), new AccessLineTextFormatter(), output, capacity);

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
}

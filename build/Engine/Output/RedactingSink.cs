using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using Tooling;

namespace BuildEngine;

/// <summary>
/// Sits in front of every other sink: rebuilds each event with secrets masked in its template text,
/// its property values and its exception, so no sink downstream ever sees a secret.
/// </summary>
internal sealed class RedactingSink(SecretMasker masker, ILogEventSink inner) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent)
    {
        var template = Parser.Parse(masker.Redact(logEvent.MessageTemplate.Text));
        var properties = logEvent.Properties.Select(property => new LogEventProperty(property.Key, Redact(property.Value)));
        var exception = logEvent.Exception is { } original ? new RedactedException(original, masker) : null;
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(masker.Redact(text)),
        ScalarValue { Value: not null } scalar when scalar.Value is not (ValueType) => new ScalarValue(masker.Redact(scalar.Value.ToString() ?? "")),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
        StructureValue structure => new StructureValue(structure.Properties.Select(property => new LogEventProperty(property.Name, Redact(property.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(pair => new KeyValuePair<ScalarValue, LogEventPropertyValue>(pair.Key, Redact(pair.Value)))),
        _ => value,
    };

    /// <summary>Stands in for an exception whose message or stack text held a secret.</summary>
    private sealed class RedactedException(Exception original, SecretMasker masker) : Exception(masker.Redact(original.Message))
    {
        private readonly string text = masker.Redact(original.ToString());

        public override string ToString() => text;
    }
}

using System.Diagnostics.Metrics;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads the current values of one gateway's observable instruments through a real <see cref="MeterListener"/>.</summary>
public static class ObservedMetrics
{
    /// <summary>Each measurement the instrument reports now, keyed by its tags as <c>name=value</c> (empty for none).</summary>
    public static IReadOnlyDictionary<string, long> Read(IServiceProvider services, string meterName, string instrumentName)
    {
        // The factory hands out the meter it already created for this name, i.e. this gateway's own instruments.
        var meter = services.GetRequiredService<IMeterFactory>().Create(meterName);
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == instrumentName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => measurements[Key(tags)] = value);
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => measurements[Key(tags)] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    private static string Key(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var (name, value) in tags)
        {
            parts.Add($"{name}={value}");
        }

        return string.Join(",", parts);
    }
}

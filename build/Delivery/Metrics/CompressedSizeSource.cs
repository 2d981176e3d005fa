namespace Delivery.Metrics;

/// <summary>Where an image's compressed size comes from.</summary>
public enum CompressedSizeSource
{
    /// <summary>The pushed manifest's layer sizes: exactly what a pull downloads.</summary>
    Registry,

    /// <summary>Each layer of <c>docker save</c> gzipped locally (an unpushed image): close to, not exactly, the registry's figure.</summary>
    Measured,
}

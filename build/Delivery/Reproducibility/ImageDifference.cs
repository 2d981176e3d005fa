using System.Text.Json.Serialization;
using Delivery.MultiArch;

namespace Delivery.Reproducibility;

/// <summary>
/// How one platform's image came out of two builds of the same commit: both manifest digests and, where they differ,
/// one line per thing that differs (a file, a config field, a layer's bytes) so that the cause can be fixed without
/// unpacking the archives by hand. <see cref="Identical"/> follows from the digests alone: equal digests are the same
/// image by construction.
/// </summary>
public sealed record ImageDifference(
    [property: JsonPropertyOrder(0), JsonConverter(typeof(TargetPlatformJsonConverter))]
    TargetPlatform Platform,
    [property: JsonPropertyOrder(1), JsonPropertyName("first")]
    string FirstDigest,
    [property: JsonPropertyOrder(2), JsonPropertyName("second")]
    string SecondDigest,
    [property: JsonPropertyOrder(4)]
    IReadOnlyList<string> Differences)
{
    [JsonPropertyOrder(3)]
    public bool Identical => FirstDigest == SecondDigest;
}

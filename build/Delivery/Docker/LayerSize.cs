namespace Delivery.Docker;

/// <summary>One layer of a saved image: its tar as stored in the archive, and gzipped.</summary>
public sealed record LayerSize(long StoredBytes, long CompressedBytes);

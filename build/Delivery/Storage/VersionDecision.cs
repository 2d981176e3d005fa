namespace Delivery.Storage;

/// <summary>Whether a version stays or goes, and why, in words a reader can check ("pr-41, 20 days old &gt; 14").</summary>
public sealed record VersionDecision(StoredVersion Version, bool Keep, string Reason, long Size);

namespace Delivery.Notifications;

/// <summary>Whether the rest of the run is green, and if not, which job says otherwise.</summary>
public sealed record RunVerdict(bool IsGreen, string Reason);

namespace Delivery.Notifications;

/// <summary>Whether a run notifies, and why (logged either way, so a missing issue can be explained).</summary>
public sealed record NotificationDecision(bool Notify, string Reason)
{
    public static NotificationDecision Yes(string reason) => new(true, reason);

    public static NotificationDecision No(string reason) => new(false, reason);
}

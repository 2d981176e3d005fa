namespace Delivery.Registry;

/// <summary>What a push did: the references that reached the registry, those that did not, and the manifest digest.</summary>
public sealed record PushResult(IReadOnlyList<string> Pushed, IReadOnlyList<string> NotPushed, string? Digest, string? Error)
{
    public bool Succeeded => Error is null && NotPushed.Count == 0 && Digest is not null;

    public string Describe() =>
        $"Pushed: {(Pushed.Count > 0 ? string.Join(", ", Pushed) : "none")}. Not pushed: {(NotPushed.Count > 0 ? string.Join(", ", NotPushed) : "none")}.";
}

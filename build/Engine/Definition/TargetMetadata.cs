namespace BuildEngine;

/// <summary>
/// What extensions keep per target, one entry per type that owns it (created empty on first use): a vendor's verbs
/// are extension methods over <see cref="ITargetDefinition.With{TData}"/> that store their data here, and that
/// vendor's generator reads it back from <see cref="ExecutableTarget.Data{TData}"/>, so the core names no vendor.
/// </summary>
internal sealed class TargetMetadata
{
    private readonly Dictionary<Type, object> entries = [];

    public TData Get<TData>()
        where TData : class, new()
    {
        if (!entries.TryGetValue(typeof(TData), out var entry))
        {
            entries[typeof(TData)] = entry = new TData();
        }

        return (TData)entry;
    }
}

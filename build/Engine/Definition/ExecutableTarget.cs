namespace BuildEngine;

/// <summary>A discovered target with its relations resolved to other targets, and its outcome once run.</summary>
public sealed class ExecutableTarget
{
    internal ExecutableTarget(TargetDefinition definition, int declarationIndex, bool isDefault)
    {
        Definition = definition;
        DeclarationIndex = declarationIndex;
        IsDefault = isDefault;
    }

    internal TargetDefinition Definition { get; }

    public string Name => Definition.Name;
    public string? Description => Definition.DescriptionText;
    public bool IsDefault { get; }
    public bool IsListed => Definition.IsListed;
    public bool IsAssuredAfterFailure => Definition.IsAssuredAfterFailure;
    public bool IsProceedAfterFailure => Definition.IsProceedAfterFailure;
    public IReadOnlyList<string> ProducedGlobs => Definition.ProducedGlobs;
    public IReadOnlyList<string> Tools => Definition.Tools;

    /// <summary>What an extension keeps for this target (<see cref="ITargetDefinition.With{TData}"/>); empty when it declared nothing.</summary>
    internal TData Data<TData>()
        where TData : class, new() => Definition.Metadata.Get<TData>();

    /// <summary>Position among the build's targets, used to break ties so that plans are deterministic.</summary>
    public int DeclarationIndex { get; }

    public List<ExecutableTarget> Dependencies { get; } = [];
    public List<ExecutableTarget> OrderAfter { get; } = [];
    public List<ExecutableTarget> Triggers { get; } = [];
    public List<(ExecutableTarget Target, string[] Globs)> Consumes { get; } = [];

    public TargetStatus Status { get; internal set; } = TargetStatus.Pending;
    public TimeSpan Duration { get; internal set; }

    /// <summary>
    /// Why the target was skipped or not run, what failed, or what a succeeded one reported with
    /// <see cref="BuildBase.SummaryNote"/>; shown in its row of the summary.
    /// </summary>
    public string? Note { get; internal set; }

    public bool IsInvoked { get; internal set; }

    public override string ToString() => Name;
}

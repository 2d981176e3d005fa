using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Tooling;

namespace BuildEngine;

/// <summary>The fluent surface a target property uses to declare itself.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    /// <summary>The given targets run before this one and are added to the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Like <see cref="DependsOn(Target[])"/> for targets declared by a component interface.</summary>
    ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Depends on the component's target only if the build implements that component.</summary>
    ITargetDefinition TryDependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>This target runs before the given ones, which then depend on it.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: if both are planned, this target runs after the given ones.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Ordering only: if both are planned, this target runs before the given ones.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>When this target is planned, the given ones are planned too and run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>When one of the given targets is planned, this one is planned too and runs after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated before anything runs; false skips the target. The condition's text shows in the summary.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>Evaluated just before the target runs; false skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>The parameter must have a value (non-null, non-blank) before anything runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter);

    /// <summary>The condition must hold before anything runs.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition);

    /// <summary>
    /// The target reads the parameter when it has a value, and does without it otherwise (an optional secret such as a
    /// webhook URL). Like <see cref="Requires{T}"/> for CI: a secret the workflow imports reaches the jobs that run it.
    /// </summary>
    ITargetDefinition UsesParameter<T>(Expression<Func<T>> parameter);

    /// <summary>
    /// Parameters the target reads, by member name (<c>.Reads(nameof(Registry), nameof(ImageName))</c>): listed in
    /// <c>./build.sh &lt;Target&gt; --help</c> and, like <see cref="UsesParameter{T}"/>, a secret among them reaches its CI job.
    /// </summary>
    ITargetDefinition Reads(params string[] parameters);

    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>A failure of this target does not stop targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even after an earlier target failed or the build was cancelled.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from --help (still invocable).</summary>
    ITargetDefinition Unlisted();

    /// <summary>
    /// Files this target produces, as paths below the root, with wildcards for many (<c>TestResultsDirectory / "*.trx"</c>);
    /// CI hands them to later jobs (written relative to the root).
    /// </summary>
    ITargetDefinition Produces(params AbsolutePath[] paths);

    /// <summary>Files produced by another target that this one reads (paths as in <see cref="Produces"/>).</summary>
    ITargetDefinition Consumes(Target target, params AbsolutePath[] paths);

    /// <summary>
    /// External tools the target runs (docker-buildx, cosign, …). Not a CI matter: the tools are part of what a target
    /// needs wherever it runs, listed in <c>./build.sh &lt;Target&gt; --help</c>; a CI generator maps each name to its
    /// set-up steps (GitHub Actions: <see cref="GitHubActionsCatalog"/>), as NUKE's tool requirements are the build's own.
    /// </summary>
    ITargetDefinition UsesTools(params string[] tools);

    /// <summary>
    /// Changes the target's <typeparamref name="TData"/>, the data one extension keeps per target (created empty on
    /// first use), given the target's name for messages. Vendors' verbs are extension methods over it
    /// (<see cref="GitHubActionsTargetDefinitionExtensions"/>), so this interface names no vendor.
    /// </summary>
    ITargetDefinition With<TData>(Action<TData, string> change)
        where TData : class, new();
}

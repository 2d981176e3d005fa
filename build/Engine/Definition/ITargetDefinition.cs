using System.Linq.Expressions;
using System.Runtime.CompilerServices;

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

    /// <summary>Files (globs relative to the root) this target produces; CI hands them to later jobs.</summary>
    ITargetDefinition Produces(params string[] globs);

    /// <summary>Files produced by another target that this one reads.</summary>
    ITargetDefinition Consumes(Target target, params string[] globs);

    /// <summary>Token scopes the target writes with on CI (packages, id-token, …); its CI job is granted exactly these.</summary>
    ITargetDefinition WritePermissions(params GitHubPermission[] permissions);

    /// <summary>
    /// Token scopes the target only reads beyond <c>contents</c> (actions, to list workflow runs, …). A job with a
    /// permissions block gets nothing it does not name, so reads must be named too.
    /// </summary>
    ITargetDefinition ReadPermissions(params GitHubPermission[] permissions);

    /// <summary>External tools the target runs (docker-buildx, cosign, …); CI adds their set-up steps to the job.</summary>
    ITargetDefinition UsesTools(params string[] tools);

    /// <summary>
    /// A step output the target writes (<c>name=value</c> to $GITHUB_OUTPUT) when it runs on GitHub Actions. The
    /// generated job exposes it as a job output (<c>${{ steps.build.outputs.&lt;name&gt; }}</c>), and a workflow called
    /// with workflow_call returns it; the description is the one callers read.
    /// </summary>
    ITargetDefinition Output(string name, string description);
}

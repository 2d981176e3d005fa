using System.Collections;
using System.Linq.Expressions;
using Tooling;

namespace BuildEngine;

/// <summary>Collects what a target's fluent definition declares. Filled once per target at discovery.</summary>
internal sealed class TargetDefinition(object build, string name) : ITargetDefinition
{
    public string Name { get; } = name;
    public string? DescriptionText { get; private set; }
    public List<Func<Task>> Actions { get; } = [];
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<TargetCondition> StaticConditions { get; } = [];
    public List<TargetCondition> DynamicConditions { get; } = [];
    public List<TargetRequirement> Requirements { get; } = [];

    /// <summary>Members of the optional parameters the target reads (<see cref="UsesParameter{T}"/>, <see cref="Reads"/>).</summary>
    public List<string> UsedParameters { get; } = [];
    public DependencyBehavior SkippedDependencyBehavior { get; private set; } = DependencyBehavior.Execute;
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsListed { get; private set; } = true;

    /// <summary>What <see cref="Produces"/> names, relative to the root with forward slashes (as CI and --help show it).</summary>
    public List<string> ProducedGlobs { get; } = [];
    public List<(Target Target, string[] Globs)> ConsumedArtifacts { get; } = [];
    public List<string> Tools { get; } = [];
    public TargetMetadata Metadata { get; } = new();

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);

    public ITargetDefinition Executes(Action action) => Set(() => Actions.Add(() =>
    {
        action();
        return Task.CompletedTask;
    }));

    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(action));

    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));

    public ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets) =>
        DependsOn(FromComponent(targets, required: true));

    public ITargetDefinition TryDependsOn<TComponent>(params Func<TComponent, Target>[] targets) =>
        DependsOn(FromComponent(targets, required: false));

    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));

    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));

    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));

    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));

    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? text = null) =>
        Set(() => StaticConditions.Add(new TargetCondition(condition, ExpressionText.OfLambda(text ?? "condition"))));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? text = null) =>
        Set(() => DynamicConditions.Add(new TargetCondition(condition, ExpressionText.OfLambda(text ?? "condition"))));

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter)
    {
        var getValue = parameter.Compile();
        var member = (parameter.Body as MemberExpression)?.Member.Name;
        return Set(() => Requirements.Add(new TargetRequirement(() => HasValue(getValue()), ExpressionText.Of(parameter.Body), member)));
    }

    public ITargetDefinition Requires(Expression<Func<bool>> condition)
    {
        var evaluate = condition.Compile();
        return Set(() => Requirements.Add(new TargetRequirement(evaluate, ExpressionText.Of(condition.Body), ParameterMember: null)));
    }

    public ITargetDefinition UsesParameter<T>(Expression<Func<T>> parameter) =>
        parameter.Body is MemberExpression member
            ? Set(() => UsedParameters.Add(member.Member.Name))
            : throw new BuildDefinitionException($"Target '{Name}' uses a parameter given as {parameter.Body}; name the member, as in .UsesParameter(() => WebhookUrl).");

    public ITargetDefinition Reads(params string[] parameters) => Set(() => UsedParameters.AddRange(parameters.Except(UsedParameters)));

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Set(() => SkippedDependencyBehavior = behavior);

    public ITargetDefinition ProceedAfterFailure() => Set(() => IsProceedAfterFailure = true);

    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);

    public ITargetDefinition Unlisted() => Set(() => IsListed = false);

    public ITargetDefinition Produces(params AbsolutePath[] paths) => Set(() => ProducedGlobs.AddRange(paths.Select(BelowRoot)));

    public ITargetDefinition Consumes(Target target, params AbsolutePath[] paths) => Set(() => ConsumedArtifacts.Add((target, [.. paths.Select(BelowRoot)])));

    public ITargetDefinition UsesTools(params string[] tools) => Set(() => Tools.AddRange(tools.Except(Tools)));

    public ITargetDefinition With<TData>(Action<TData, string> change)
        where TData : class, new() => Set(() => change(Metadata.Get<TData>(), Name));

    // CI uploads and downloads files of the checkout only, and names them relative to it.
    private string BelowRoot(AbsolutePath path)
    {
        var root = (build as BuildBase)?.RootDirectory
            ?? throw new InvalidOperationException($"Target '{Name}' names files before the build has a root directory.");
        var relative = path.RelativeTo(root);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? throw new BuildDefinitionException($"Target '{Name}' names {path}, outside the root {root}: name files below it (ArtifactsDirectory / \"file\").")
            : relative;
    }

    private Target[] FromComponent<TComponent>(Func<TComponent, Target>[] targets, bool required)
    {
        if (build is TComponent component)
        {
            return [.. targets.Select(select => select(component))];
        }

        return required
            ? throw new BuildDefinitionException(
                $"Target '{Name}' depends on a target of {typeof(TComponent).Name}, which the build does not implement. " +
                $"Implement the component, or use TryDependsOn<{typeof(TComponent).Name}>.")
            : [];
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string text => !string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count > 0,
        _ => true,
    };

    private TargetDefinition Set(Action change)
    {
        change();
        return this;
    }
}

using System.Reflection;

namespace BuildEngine;

/// <summary>
/// Finds the build's targets: properties of type <see cref="Target"/> on the build class and, as default
/// interface members, on the component interfaces it implements. Each is defined once and its relations
/// resolved to the other targets.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IReadOnlyList<ExecutableTarget> Discover(object build, IReadOnlyCollection<string> defaultTargets)
    {
        var targetsByDelegate = new Dictionary<Target, ExecutableTarget>();
        var targets = new List<ExecutableTarget>();
        foreach (var property in TargetProperties(build.GetType()))
        {
            var factory = (Target)property.GetValue(build)!;
            if (targets.Any(existing => existing.Name == property.Name))
            {
                continue; // an interface target the class re-implements under the same name
            }

            var definition = new TargetDefinition(build, property.Name);
            factory(definition);
            var target = new ExecutableTarget(definition, targets.Count, defaultTargets.Contains(property.Name));
            targetsByDelegate[factory] = target;
            targets.Add(target);
        }

        foreach (var target in targets)
        {
            Resolve(target, targetsByDelegate);
        }

        return targets;
    }

    private static IEnumerable<PropertyInfo> TargetProperties(Type buildType)
    {
        var ownProperties = buildType.GetProperties(InstanceMembers);
        var componentProperties = buildType.GetInterfaces().SelectMany(component => component.GetProperties(InstanceMembers));
        return ownProperties.Concat(componentProperties)
            .Where(property => property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0)
            // An explicit implementation ("IComponent.Restore") is reached through the interface's own property,
            // which dispatches to it, so only that one, with the plain name, counts.
            .Where(property => !property.Name.Contains('.'));
    }

    private static void Resolve(ExecutableTarget target, Dictionary<Target, ExecutableTarget> targetsByDelegate)
    {
        ExecutableTarget Find(Target reference) =>
            targetsByDelegate.TryGetValue(reference, out var found)
                ? found
                : throw new BuildDefinitionException(
                    $"Target '{target.Name}' refers to a target that is not a property of the build ({reference.Method.Name}).");

        var definition = target.Definition;
        target.Dependencies.AddRange(definition.DependsOnTargets.Select(Find));
        target.OrderAfter.AddRange(definition.AfterTargets.Select(Find));
        target.Triggers.AddRange(definition.TriggersTargets.Select(Find));
        target.Consumes.AddRange(definition.ConsumedArtifacts.Select(consumed => (Find(consumed.Target), consumed.Globs)));

        foreach (var dependent in definition.DependentForTargets.Select(Find))
        {
            dependent.Dependencies.Add(target);
        }

        foreach (var later in definition.BeforeTargets.Select(Find))
        {
            later.OrderAfter.Add(target);
        }

        foreach (var trigger in definition.TriggeredByTargets.Select(Find))
        {
            trigger.Triggers.Add(target);
        }
    }
}

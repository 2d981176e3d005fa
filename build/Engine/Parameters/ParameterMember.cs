using System.Reflection;

namespace BuildEngine;

/// <summary>A field or property carrying <see cref="ParameterAttribute"/>, with the names it is known by.</summary>
internal sealed class ParameterMember
{
    private ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member;
        Description = attribute.Description;
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        IsCommandLineOnly = attribute.CommandLineOnly;
        Type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
    }

    public MemberInfo Member { get; }
    public string Name => Member.Name;
    public string CliName => "--" + ParameterNames.ToKebabCase(Name);
    public string EnvironmentName => ParameterNames.ToEnvironmentName(Name);
    public string? Description { get; }
    public bool IsSecret { get; }
    public bool IsCommandLineOnly { get; }
    public Type Type { get; }

    /// <summary>The type without Nullable&lt;&gt;, which is what values are converted to.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;

    public bool IsFlag => ValueType == typeof(bool);

    public static IReadOnlyList<ParameterMember> FindAll(Type type)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;
        var members = new List<ParameterMember>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            members.AddRange(current.GetMembers(flags | BindingFlags.DeclaredOnly)
                .Where(member => member is FieldInfo or PropertyInfo)
                .Select(member => (member, attribute: member.GetCustomAttribute<ParameterAttribute>()))
                .Where(found => found.attribute is not null)
                .Select(found => new ParameterMember(found.member, found.attribute!)));
        }

        return members;
    }

    public object? GetValue(object instance) => Member switch
    {
        FieldInfo field => field.GetValue(instance),
        PropertyInfo property => property.GetValue(instance),
        _ => null,
    };

    public void SetValue(object instance, object? value)
    {
        switch (Member)
        {
            case FieldInfo field:
                field.SetValue(instance, value);
                break;
            case PropertyInfo property:
                (property.SetMethod ?? throw new BuildDefinitionException($"Parameter '{Name}' is a property without a setter."))
                    .Invoke(instance, [value]);
                break;
        }
    }
}

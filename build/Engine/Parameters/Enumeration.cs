using System.Reflection;

namespace BuildEngine;

/// <summary>
/// A closed set of named values declared as public static fields of the derived class
/// (like <see cref="Configuration"/>); parameters of such a type accept exactly those names.
/// </summary>
public abstract class Enumeration(string value) : IEquatable<Enumeration>
{
    public string Value { get; } = value;

    public static IReadOnlyList<Enumeration> GetAll(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => type.IsAssignableFrom(field.FieldType))
            .Select(field => (Enumeration)field.GetValue(null)!)];

    public bool Equals(Enumeration? other) => other is not null && other.GetType() == GetType() && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Enumeration);

    public override int GetHashCode() => HashCode.Combine(GetType(), Value);

    public override string ToString() => Value;

    public static implicit operator string(Enumeration enumeration) => enumeration.Value;
}

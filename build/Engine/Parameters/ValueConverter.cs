using System.Globalization;
using Tooling;

namespace BuildEngine;

/// <summary>
/// Converts raw strings to a parameter's type: string, bool, integers, enums, arrays, <see cref="AbsolutePath"/>
/// and <see cref="Enumeration"/> classes. A bad value fails naming the parameter, the value and what is allowed.
/// </summary>
internal static class ValueConverter
{
    private static readonly char[] ListSeparators = [',', ' ', '\t', '\n'];

    public static object? Convert(ParameterMember parameter, RawValue raw, string baseDirectory)
    {
        var type = parameter.ValueType;
        if (type.IsArray)
        {
            var elementType = type.GetElementType()!;
            var items = raw.Values.SelectMany(value => value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var array = Array.CreateInstance(elementType, items.Length);
            for (var i = 0; i < items.Length; i++)
            {
                array.SetValue(ConvertScalar(parameter, elementType, items[i], raw.Origin, baseDirectory), i);
            }

            return array;
        }

        if (raw.Values.Length == 0)
        {
            return type == typeof(bool)
                ? true // a bare flag
                : throw new BuildFailedException($"Parameter {parameter.CliName} ({raw.Origin}) needs a value: {Expected(type)}.");
        }

        if (raw.Values.Length > 1)
        {
            throw new BuildFailedException(
                $"Parameter {parameter.CliName} ({raw.Origin}) takes one value but got {raw.Values.Length}: {Show(parameter, string.Join(" ", raw.Values))}.");
        }

        return ConvertScalar(parameter, type, raw.Values[0], raw.Origin, baseDirectory);
    }

    /// <summary>The allowed values of a type, for --help and the schema; null when any text is allowed.</summary>
    public static IReadOnlyList<string>? AllowedValues(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        type = type.IsArray ? type.GetElementType()! : type;
        if (type.IsEnum)
        {
            return Enum.GetNames(type);
        }

        return typeof(Enumeration).IsAssignableFrom(type) ? [.. Enumeration.GetAll(type).Select(value => value.Value)] : null;
    }

    private static object ConvertScalar(ParameterMember parameter, Type type, string value, string origin, string baseDirectory)
    {
        object? result = type switch
        {
            _ when type == typeof(string) => value,
            _ when type == typeof(bool) => bool.TryParse(value, out var flag) ? flag : null,
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null,
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null,
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null,
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null,
            _ when type == typeof(AbsolutePath) => ToPath(value, baseDirectory),
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(type, name)
                : null,
            _ when typeof(Enumeration).IsAssignableFrom(type) => Enumeration.GetAll(type)
                .FirstOrDefault(candidate => candidate.Value.Equals(value, StringComparison.OrdinalIgnoreCase)),
            _ => throw new BuildDefinitionException($"Parameter '{parameter.Name}' has type {type.Name}, which parameters do not support."),
        };

        return result ?? throw new BuildFailedException(
            $"Invalid value {Show(parameter, value)} for parameter {parameter.CliName} ({origin}): expected {Expected(type)}.");
    }

    private static AbsolutePath? ToPath(string value, string baseDirectory)
    {
        try
        {
            return string.IsNullOrWhiteSpace(value) ? null : AbsolutePath.Create(value, baseDirectory);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Show(ParameterMember parameter, string value) => parameter.IsSecret ? "(secret, not shown)" : $"'{value}'";

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(TimeSpan) => "a duration like 00:05:00",
        _ when type == typeof(AbsolutePath) => "a file-system path",
        _ when AllowedValues(type) is { } allowed => "one of " + string.Join(", ", allowed),
        _ => "a text value",
    };
}

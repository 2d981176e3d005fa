using System.Text.Json;
using System.Text.Json.Nodes;

namespace BuildEngine;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c>: a JSON schema of the parameter files (every parameter with its type,
/// description and allowed values; secrets excepted), so editors complete and check <c>.nuke/parameters*.json</c>.
/// </summary>
internal static class SchemaWriter
{
    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = new JsonArray([.. targets.Select(target => JsonValue.Create(target.Name))]);
        var properties = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        // Secrets are left out: a file of the repository may not hold them (SecretSources), so an editor flags one there.
        foreach (var parameter in parameters.Where(parameter => !parameter.IsSecret).OrderBy(parameter => parameter.Name, StringComparer.Ordinal))
        {
            var property = TypeSchema(parameter.ValueType);
            if (parameter.Description is { } description)
            {
                property["description"] = description;
            }

            properties[parameter.Name] = property;
        }

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Build parameters",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["definitions"] = new JsonObject { ["Target"] = new JsonObject { ["type"] = "string", ["enum"] = targetNames } },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    /// <summary>Rewrites the file only when its content changes, so a run leaves no diff behind.</summary>
    public static void Write(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static JsonObject TypeSchema(Type type)
    {
        if (type.IsArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(type.GetElementType()!) };
        }

        if (ValueConverter.AllowedValues(type) is { } allowed)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. allowed.Select(value => JsonValue.Create(value))]) };
        }

        return new JsonObject
        {
            ["type"] = type == typeof(bool) ? "boolean"
                : type == typeof(int) || type == typeof(long) ? "integer"
                : type == typeof(double) ? "number"
                : "string",
        };
    }
}

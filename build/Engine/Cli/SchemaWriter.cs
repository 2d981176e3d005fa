using System.Text.Json;
using System.Text.Json.Nodes;

namespace BuildEngine;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c>: a JSON schema of the parameter files (every parameter and built-in option a
/// file may set, with its type, description and allowed values), so editors complete and check <c>.nuke/parameters*.json</c>.
/// </summary>
internal static class SchemaWriter
{
    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<ParameterMember> builtIns)
    {
        var targetNames = new JsonArray([.. targets.Select(target => JsonValue.Create(target.Name))]);
        var properties = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        // Left out, so that an editor flags them in a file: secrets (a file of the repository may not hold them,
        // SecretSources) and command-line-only switches (a file that sets one fails the build, ParameterInjector).
        var settable = parameters.OrderBy(parameter => parameter.Name, StringComparer.Ordinal).Concat(builtIns)
            .Where(parameter => !parameter.IsSecret && !parameter.IsCommandLineOnly);
        foreach (var parameter in settable)
        {
            var property = builtIns.Contains(parameter) && parameter.ValueType == typeof(string[])
                ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/definitions/Target" } } // --target, --skip
                : TypeSchema(parameter.ValueType);
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

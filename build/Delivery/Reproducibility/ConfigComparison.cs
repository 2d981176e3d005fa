using System.Text.Json;

namespace Delivery.Reproducibility;

/// <summary>
/// The differences between two image configs as lines: each field flattened to a name and a value, labels and
/// environment variables one by one (<c>config: label org.opencontainers.image.version 1.0 vs 1.1</c>, <c>config: env
/// PATH … vs …</c>), history entry by entry (<c>config: history[3].created …</c>). <c>rootfs</c> is left out: the layers
/// it lists are compared as layers.
/// </summary>
internal static class ConfigComparison
{
    public static IEnumerable<string> Differences(JsonElement first, JsonElement second)
    {
        var firstValues = Flatten(first);
        var secondValues = Flatten(second);
        return firstValues.Keys.Union(secondValues.Keys)
            .Order(StringComparer.Ordinal)
            .Select(key => ImageComparison.Difference($"config: {key}",
                firstValues.GetValueOrDefault(key), secondValues.GetValueOrDefault(key)))
            .OfType<string>();
    }

    private static Dictionary<string, string> Flatten(JsonElement config)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in config.EnumerateObject().Where(property => property.Name != "rootfs"))
        {
            if (property is { Name: "config", Value.ValueKind: JsonValueKind.Object })
            {
                // The container config's fields (User, Env, Labels, …) are capitalised, the image's lowercase: no
                // prefix is needed to tell them apart.
                foreach (var field in property.Value.EnumerateObject())
                {
                    AddContainerField(field, values);
                }
            }
            else
            {
                Add(property.Name, property.Value, values);
            }
        }

        return values;
    }

    private static void AddContainerField(JsonProperty field, Dictionary<string, string> values)
    {
        if (field is { Name: "Labels", Value.ValueKind: JsonValueKind.Object })
        {
            foreach (var label in field.Value.EnumerateObject())
            {
                values[$"label {label.Name}"] = Text(label.Value);
            }
        }
        else if (field is { Name: "Env", Value.ValueKind: JsonValueKind.Array })
        {
            foreach (var variable in field.Value.EnumerateArray().Select(Text))
            {
                var equals = variable.IndexOf('=', StringComparison.Ordinal);
                values[$"env {(equals < 0 ? variable : variable[..equals])}"] = equals < 0 ? "" : variable[(equals + 1)..];
            }
        }
        else
        {
            Add(field.Name, field.Value, values);
        }
    }

    /// <summary>
    /// Objects by field and arrays of objects by index (history), so a line names the one value that differs; an
    /// array of plain values (Cmd, Entrypoint) stays whole, as it reads best that way.
    /// </summary>
    private static void Add(string path, JsonElement value, Dictionary<string, string> values)
    {
        if (value.ValueKind is JsonValueKind.Object && value.EnumerateObject().Any())
        {
            foreach (var property in value.EnumerateObject())
            {
                Add($"{path}.{property.Name}", property.Value, values);
            }
        }
        else if (value.ValueKind is JsonValueKind.Array && value.EnumerateArray().Any(item => item.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Add($"{path}[{index++}]", item, values);
            }
        }
        else
        {
            values[path] = Text(value);
        }
    }

    private static string Text(JsonElement value) =>
        value.ValueKind is JsonValueKind.String ? value.GetString() ?? "" : JsonSerializer.Serialize(value);
}

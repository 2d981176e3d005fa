using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>A workflow's env:/with:/outputs: maps: each value interpolated, and a map back to a context object.</summary>
internal static class ExpressionMaps
{
    public static async Task<Dictionary<string, string>> EvaluateAsync(WorkflowHost host, JsonObject? map, ExpressionScope scope)
    {
        var evaluated = new Dictionary<string, string>();
        foreach (var (key, value) in map ?? [])
        {
            evaluated[key] = await host.InterpolateAsync(value?.ToString() ?? "", scope);
        }

        return evaluated;
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = value;
        }

        return json;
    }
}

using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// A job's strategy.matrix into its legs, as GitHub expands it: the cartesian product of the axes, minus the
/// combinations an exclude entry matches, then each include entry added to the combinations whose original
/// values it agrees with (or as a leg of its own when it agrees with none).
/// </summary>
public static class MatrixExpansion
{
    public static IReadOnlyList<JsonObject> Expand(JsonObject? matrix)
    {
        if (matrix is null)
        {
            return [];
        }

        var axes = matrix.Where(pair => pair.Key is not ("include" or "exclude") && pair.Value is JsonArray).ToList();
        List<JsonObject> legs = axes.Count == 0 ? [] : [new JsonObject()];
        foreach (var (axis, values) in axes)
        {
            legs = [.. legs.SelectMany(leg => values!.AsArray().Select(value =>
            {
                var extended = leg.DeepClone().AsObject();
                extended[axis] = value?.DeepClone();
                return extended;
            }))];
        }

        if (matrix["exclude"] is JsonArray exclude)
        {
            legs.RemoveAll(leg => exclude.OfType<JsonObject>().Any(entry => Agrees(entry, leg, entry.Select(pair => pair.Key))));
        }

        var originals = legs.Select(leg => leg.DeepClone().AsObject()).ToList();
        foreach (var entry in (matrix["include"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Only the product's own combinations are extended; legs that includes added are not.
            var matching = Enumerable.Range(0, originals.Count)
                .Where(index => Agrees(entry, originals[index], entry.Select(pair => pair.Key).Where(originals[index].ContainsKey)))
                .ToList();
            if (matching.Count == 0 || axes.Count == 0)
            {
                legs.Add(entry.DeepClone().AsObject());
                continue;
            }

            foreach (var index in matching)
            {
                foreach (var (key, value) in entry.Where(pair => !originals[index].ContainsKey(pair.Key)))
                {
                    legs[index][key] = value?.DeepClone();
                }
            }
        }

        return legs;
    }

    private static bool Agrees(JsonObject entry, JsonObject leg, IEnumerable<string> keys) =>
        keys.All(key => JsonNode.DeepEquals(entry[key], leg[key]));
}

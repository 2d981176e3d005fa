using System.Text.Json;
using Tooling;

namespace BuildEngine;

/// <summary>
/// One of .nuke/parameters.json, .nuke/parameters.&lt;profile&gt;.json or the --parameters-file: member names to values.
/// </summary>
internal sealed class ParameterFile
{
    private ParameterFile(string path, string displayPath, Dictionary<string, (string Key, string[] Values)> values)
    {
        Path = path;
        DisplayPath = displayPath;
        Values = values;
    }

    /// <summary>Where the file is, to tell a file of the repository from one outside it.</summary>
    public string Path { get; }

    public string DisplayPath { get; }

    /// <summary>Keyed by normalised name; keeps the key as written for error messages.</summary>
    public IReadOnlyDictionary<string, (string Key, string[] Values)> Values { get; }

    public static ParameterFile Load(string path, string displayPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new BuildFailedException($"{displayPath} is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BuildFailedException($"{displayPath} must hold a JSON object of parameter names to values.");
            }

            var values = document.RootElement.EnumerateObject()
                .Where(property => property.Name != "$schema")
                .ToDictionary(property => ParameterNames.Normalize(property.Name), property => (property.Name, ToStrings(property, displayPath)));
            return new ParameterFile(System.IO.Path.GetFullPath(path), displayPath, values);
        }
    }

    private static string[] ToStrings(JsonProperty property, string displayPath) => property.Value.ValueKind switch
    {
        JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(element => Scalar(element, property.Name, displayPath))],
        _ => [Scalar(property.Value, property.Name, displayPath)],
    };

    private static string Scalar(JsonElement element, string key, string displayPath) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => throw new BuildFailedException($"{displayPath}: '{key}' must be a string, number, boolean or an array of those."),
    };
}

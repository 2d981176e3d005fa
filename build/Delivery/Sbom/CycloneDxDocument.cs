using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delivery.Sbom;

/// <summary>
/// A CycloneDX JSON BOM as a mutable tree: the CycloneDX tool's NuGet BOM, to which the build adds the image as
/// the subject, the .NET runtime, the base image and (when syft ran) the OS packages.
/// </summary>
public sealed class CycloneDxDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject root;

    private CycloneDxDocument(JsonObject root) => this.root = root;

    public static CycloneDxDocument Parse(string json) =>
        JsonNode.Parse(json) is JsonObject root && (string?)root["bomFormat"] == "CycloneDX"
            ? new CycloneDxDocument(root)
            : throw new FormatException("Not a CycloneDX JSON document (bomFormat is not CycloneDX).");

    public static CycloneDxDocument Load(string path) => Parse(File.ReadAllText(path));

    public IReadOnlyList<JsonObject> Components => [.. ComponentArray().OfType<JsonObject>()];

    /// <summary>The BOM describes the image, not the project: metadata.component becomes the container.</summary>
    public void DescribeContainer(string repository, string digest, string version)
    {
        var metadata = root["metadata"] as JsonObject ?? [];
        root["metadata"] = metadata;
        metadata["component"] = new JsonObject
        {
            ["type"] = "container",
            ["bom-ref"] = $"{repository}@{digest}",
            ["name"] = repository,
            ["version"] = version,
            ["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-256", ["content"] = digest.Replace("sha256:", "", StringComparison.Ordinal) }),
        };
    }

    public void AddRuntime(DotnetRuntime runtime) => Add(new JsonObject
    {
        ["type"] = "framework",
        ["bom-ref"] = $"dotnet-runtime:{runtime.Name}@{runtime.Version}",
        ["name"] = runtime.Name,
        ["version"] = runtime.Version,
        ["description"] = ".NET shared framework in the image (dotnet --list-runtimes).",
    });

    /// <summary>The runtime stage's base image, as the build was given it (tag, or digest when pinned).</summary>
    public void AddBaseImage(string reference)
    {
        var (name, version) = SplitReference(reference);
        Add(new JsonObject
        {
            ["type"] = "container",
            ["bom-ref"] = $"base-image:{reference}",
            ["name"] = name,
            ["version"] = version,
            ["description"] = "Base image of the runtime stage.",
            ["properties"] = new JsonArray(new JsonObject { ["name"] = "gateway:base-image", ["value"] = reference }),
        });
    }

    /// <summary>Adds another BOM's components (syft's OS packages) that this one does not already list.</summary>
    public int Merge(CycloneDxDocument other)
    {
        var added = 0;
        foreach (var component in other.Components)
        {
            if (Add((JsonObject)component.DeepClone()))
            {
                added++;
            }
        }

        return added;
    }

    public string ToJson() => root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Adds the component unless one with the same purl (or bom-ref, or name and version) is there.</summary>
    private bool Add(JsonObject component)
    {
        var key = Key(component);
        if (Components.Any(existing => Key(existing) == key))
        {
            return false;
        }

        ComponentArray().Add(component);
        return true;
    }

    private JsonArray ComponentArray()
    {
        if (root["components"] is not JsonArray components)
        {
            components = [];
            root["components"] = components;
        }

        return components;
    }

    private static string Key(JsonObject component) =>
        (string?)component["purl"] ?? (string?)component["bom-ref"] ?? $"{(string?)component["name"]}@{(string?)component["version"]}";

    private static (string Name, string Version) SplitReference(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}

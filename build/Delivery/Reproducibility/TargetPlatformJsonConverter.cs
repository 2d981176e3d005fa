using System.Text.Json;
using System.Text.Json.Serialization;
using Delivery.MultiArch;
using Tooling;

namespace Delivery.Reproducibility;

/// <summary>A platform in JSON as people and docker write it, <c>"linux/arm64"</c>, not as an object of its parts.</summary>
internal sealed class TargetPlatformJsonConverter : JsonConverter<TargetPlatform>
{
    public override TargetPlatform Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A platform is a string such as linux/amd64, not null.");
        try
        {
            return TargetPlatform.Parse(text);
        }
        catch (BuildFailedException invalid)
        {
            throw new JsonException(invalid.Message, invalid);
        }
    }

    public override void Write(Utf8JsonWriter writer, TargetPlatform value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

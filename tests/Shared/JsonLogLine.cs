using System.Text.Json;

namespace TestSupport;

/// <summary>The gateway's compact JSON log lines (<c>Gateway:LogFormat=Json</c>, the format in containers).</summary>
internal static class JsonLogLine
{
    /// <summary>The timestamp (<c>@t</c>) of the first line whose message (<c>@m</c>) starts with <paramref name="messageStart"/>.</summary>
    public static DateTimeOffset? TimestampOf(string output, string messageStart)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('{') || !trimmed.Contains(messageStart, StringComparison.Ordinal))
            {
                continue;
            }

            using var json = JsonDocument.Parse(trimmed);
            if (json.RootElement.TryGetProperty("@m", out var message) && message.GetString()!.StartsWith(messageStart, StringComparison.Ordinal))
            {
                return json.RootElement.GetProperty("@t").GetDateTimeOffset();
            }
        }

        return null;
    }
}

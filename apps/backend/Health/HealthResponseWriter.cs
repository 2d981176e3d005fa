using System.Text.Json;
using Gateway.Management;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// On the management port: the report as JSON, so operators see which check failed and why. On the public port:
/// the overall status as one word, since check detail names clusters, addresses and reload errors.
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!context.IsOnManagementPort())
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(body, SerializerOptions);
    }
}

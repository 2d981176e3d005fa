using Serilog.Events;

namespace BuildEngine;

/// <summary>The few ANSI escape codes the console output uses.</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";
    public const string Gray = "\u001b[90m";
    public const string Yellow = "\u001b[33m";
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    public const string Cyan = "\u001b[36m";

    public static string? ForLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => Gray,
        LogEventLevel.Warning => Yellow,
        LogEventLevel.Error or LogEventLevel.Fatal => Red,
        _ => null,
    };
}

namespace Gateway.Configuration;

public enum LogFormat
{
    /// <summary>Compact JSON when DOTNET_RUNNING_IN_CONTAINER=true, readable text otherwise.</summary>
    Auto,
    Json,
    Text,
}

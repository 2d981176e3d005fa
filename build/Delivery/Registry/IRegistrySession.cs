namespace Delivery.Registry;

/// <summary>What a tool that talks to the registry needs of the login: the variables that point it at the build's docker config.</summary>
public interface IRegistrySession
{
    IReadOnlyDictionary<string, string?> Environment { get; }
}

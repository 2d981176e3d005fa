namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Actions work.</summary>
public sealed class ActionsStore
{
}

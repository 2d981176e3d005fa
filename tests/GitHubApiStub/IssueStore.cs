namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Issues work.</summary>
public sealed class IssueStore
{
}

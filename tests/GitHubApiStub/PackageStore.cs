namespace GitHubApiStub;

/// <summary>Placeholder: filled in by the Packages work.</summary>
public sealed class PackageStore
{
}

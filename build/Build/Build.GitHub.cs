using BuildEngine;
using Delivery.GitHub;
using Octokit;
using Tooling;

/// <summary>
/// GitHub's REST API for the operations targets (failure notification, CiReport, Cleanup): one token, one API
/// root, one repository. On GitHub Actions all three come from the job's environment.
/// </summary>
partial class Build
{
    [Parameter("Token for GitHub's API (failure issues, CiReport, Cleanup). Default: GITHUB_TOKEN, which GitHub Actions provides.")]
    [Secret]
    readonly string? GithubToken;

    [Parameter("Root of GitHub's REST API. Default: GITHUB_API_URL (GitHub Actions sets it), else https://api.github.com.")]
    readonly string? GithubApiUrl;

    [Parameter("The GitHub repository as owner/name. Default: GITHUB_REPOSITORY, else the 'origin' remote on GitHub.")]
    readonly string? GithubRepository;

    /// <summary>A client for the API, or a clear error naming what to set.</summary>
    GitHubClient GitHubApiClient =>
        GitHubApi.CreateClient(
            string.IsNullOrEmpty(GithubToken)
                ? throw new BuildFailedException("No GitHub token: set GITHUB_TOKEN. On GitHub Actions give the step `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`.")
                : GithubToken,
            string.IsNullOrEmpty(GithubApiUrl) ? GitHubApi.ApiUrlFrom(EnvironmentVariables) : new Uri(GithubApiUrl.TrimEnd('/') + "/"));

    /// <summary>The repository the API calls are about: GITHUB_REPOSITORY on Actions, else the origin remote on GitHub.</summary>
    async Task<GitHubRepository> GitHubRepositoryAsync() =>
        !string.IsNullOrEmpty(GithubRepository) ? GitHubRepository.Parse(GithubRepository)
        : (await EventContext).Repository is { } repository
            ? GitHubRepository.Parse(repository)
            : throw new BuildFailedException("The GitHub repository is unknown: set GITHUB_REPOSITORY=owner/name, or add a GitHub 'origin' remote.");
}

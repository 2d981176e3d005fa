using System.Text.Json;
using Tooling;

namespace Delivery.Events;

/// <summary>
/// What the build reads from GitHub Actions' environment: GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_SHA,
/// GITHUB_REPOSITORY, GITHUB_SERVER_URL, and from the event payload (GITHUB_EVENT_PATH) the pull request's number
/// and head commit and the repository's default branch. Anything missing is left null for the local clone to fill.
/// </summary>
public sealed record GitHubEvent(
    string? EventName, string? Ref, string? Sha, string? Repository, string? ServerUrl,
    int? PullRequestNumber, string? PullRequestHeadSha, string? DefaultBranch)
{
    /// <summary>GitHub's variables when running on GitHub Actions (GITHUB_ACTIONS=true), else null.</summary>
    public static GitHubEvent? FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.GetValueOrDefault("GITHUB_ACTIONS") != "true")
        {
            return null;
        }

        string? Variable(string name) => environment.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var payload = Variable("GITHUB_EVENT_PATH") is { } path ? ReadPayload(path) : default;
        return new GitHubEvent(
            Variable("GITHUB_EVENT_NAME"), Variable("GITHUB_REF"), Variable("GITHUB_SHA"), Variable("GITHUB_REPOSITORY"),
            Variable("GITHUB_SERVER_URL"), payload.Number, payload.HeadSha, payload.DefaultBranch);
    }

    private static (int? Number, string? HeadSha, string? DefaultBranch) ReadPayload(string path)
    {
        if (!File.Exists(path))
        {
            throw new BuildFailedException($"GITHUB_EVENT_PATH points to {path}, which does not exist. Unset it, or run where GitHub wrote the event.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var pullRequest = Property(root, "pull_request");
            var number = Property(pullRequest, "number") ?? Property(root, "number");
            return (
                number is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null,
                Property(Property(pullRequest, "head"), "sha")?.GetString(),
                Property(Property(root, "repository"), "default_branch")?.GetString());
        }
        catch (JsonException exception)
        {
            throw new BuildFailedException($"The GitHub event payload {path} (GITHUB_EVENT_PATH) is not valid JSON: {exception.Message}", exception);
        }
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property) && property.ValueKind != JsonValueKind.Null
            ? property
            : null;
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHubStandIn;

/// <summary>
/// The issues API the failure notification uses, in the shapes of GitHub's REST reference (docs.github.com/rest/issues):
/// <c>GET/POST /repos/{owner}/{repo}/issues</c> (state and labels filters, pagination), <c>GET/PATCH …/issues/{n}</c>
/// (state, state_reason), <c>GET/POST …/issues/{n}/comments</c>. Validation errors answer 422 and unknown issues 404,
/// with GitHub's error bodies. Reading needs <c>issues: read</c>, writing <c>issues: write</c> (which the implicit
/// creation of an unknown label rides on, as with GITHUB_TOKEN).
/// </summary>
internal static class IssueRoutes
{
    private const string DocumentationUrl = "https://docs.github.com/rest/issues/issues";
    private const string CommentsDocumentationUrl = "https://docs.github.com/rest/issues/comments";

    public static void Map(RouteGroupBuilder api, IssueStore store)
    {
        api.MapGet("/repos/{owner}/{repo}/issues", (HttpContext context, string owner, string repo) =>
        {
            var state = context.Request.Query["state"].ToString() is { Length: > 0 } requested ? requested : "open";
            if (state is not ("open" or "closed" or "all"))
            {
                return ValidationFailed("state", "invalid");
            }

            var labels = context.Request.Query["labels"].ToString()
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var page = Paging.Page(context, store.List(state, labels));
            return Results.Json(page.Select(issue => Render(context, owner, repo, issue, store)));
        }).Requires("issues", PermissionLevel.Read, $"{DocumentationUrl}#list-repository-issues");

        api.MapPost("/repos/{owner}/{repo}/issues", async (HttpContext context, string owner, string repo) =>
        {
            var request = await ReadBodyAsync(context);
            if (request is null || String(request.Value, "title") is not { Length: > 0 } title)
            {
                return ValidationFailed("title", "missing_field");
            }

            store.RunBeforeNextCreate();
            var issue = store.Create(title, String(request.Value, "body"), LabelNames(request.Value) ?? []);
            var rendered = Render(context, owner, repo, issue, store);
            return Results.Json(rendered, statusCode: StatusCodes.Status201Created);
        }).Requires("issues", PermissionLevel.Write, $"{DocumentationUrl}#create-an-issue");

        api.MapGet("/repos/{owner}/{repo}/issues/{number:int}", (HttpContext context, string owner, string repo, int number) =>
            store.Find(number) is { } issue ? Results.Json(Render(context, owner, repo, issue, store)) : NotFound())
            .Requires("issues", PermissionLevel.Read, $"{DocumentationUrl}#get-an-issue");

        api.MapMethods("/repos/{owner}/{repo}/issues/{number:int}", ["PATCH"], async (HttpContext context, string owner, string repo, int number) =>
        {
            var request = await ReadBodyAsync(context);
            if (request is null)
            {
                return ValidationFailed("body", "invalid");
            }

            var state = String(request.Value, "state");
            if (state is not (null or "open" or "closed"))
            {
                return ValidationFailed("state", "invalid");
            }

            var stateReason = String(request.Value, "state_reason");
            if (stateReason is not (null or "completed" or "not_planned" or "reopened"))
            {
                return ValidationFailed("state_reason", "invalid");
            }

            var issue = store.Update(number, String(request.Value, "title"), String(request.Value, "body"), state, stateReason, LabelNames(request.Value));
            return issue is null ? NotFound() : Results.Json(Render(context, owner, repo, issue, store));
        }).Requires("issues", PermissionLevel.Write, $"{DocumentationUrl}#update-an-issue");

        api.MapGet("/repos/{owner}/{repo}/issues/{number:int}/comments", (HttpContext context, string owner, string repo, int number) =>
            store.Find(number) is null
                ? NotFound()
                : Results.Json(Paging.Page(context, store.CommentsOn(number)).Select(comment => Render(context, owner, repo, comment))))
            .Requires("issues", PermissionLevel.Read, $"{CommentsDocumentationUrl}#list-issue-comments");

        api.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", async (HttpContext context, string owner, string repo, int number) =>
        {
            var request = await ReadBodyAsync(context);
            if (request is null || String(request.Value, "body") is not { Length: > 0 } body)
            {
                return ValidationFailed("body", "missing_field");
            }

            return store.Comment(number, body) is { } comment
                ? Results.Json(Render(context, owner, repo, comment), statusCode: StatusCodes.Status201Created)
                : NotFound();
        }).Requires("issues", PermissionLevel.Write, $"{CommentsDocumentationUrl}#create-an-issue-comment");
    }

    private static object Render(HttpContext context, string owner, string repo, StubIssue issue, IssueStore store)
    {
        var api = $"{ApiBase(context)}/repos/{owner}/{repo}";
        var id = 1_900_000_000L + issue.Number;
        return new
        {
            url = $"{api}/issues/{issue.Number}",
            repository_url = api,
            labels_url = $"{api}/issues/{issue.Number}/labels{{/name}}",
            comments_url = $"{api}/issues/{issue.Number}/comments",
            events_url = $"{api}/issues/{issue.Number}/events",
            html_url = $"https://github.com/{owner}/{repo}/issues/{issue.Number}",
            id,
            node_id = $"I_kwDO{id}",
            number = issue.Number,
            title = issue.Title,
            user = ActionsBot,
            labels = issue.Labels.Select(name => store.Labels.First(label => label.Name == name)).Select(label => new
            {
                id = label.Id,
                node_id = $"LA_kwDO{label.Id}",
                url = $"{api}/labels/{Uri.EscapeDataString(label.Name)}",
                name = label.Name,
                color = label.Color,
                @default = false,
                description = label.Description,
            }),
            state = issue.State,
            locked = false,
            assignee = (object?)null,
            assignees = Array.Empty<object>(),
            milestone = (object?)null,
            comments = store.CommentsOn(issue.Number).Count,
            created_at = Timestamp(issue.CreatedAt),
            updated_at = Timestamp(issue.UpdatedAt),
            closed_at = issue.ClosedAt is { } closed ? Timestamp(closed) : null,
            author_association = "NONE",
            active_lock_reason = (string?)null,
            body = issue.Body,
            closed_by = issue.IsOpen ? null : ActionsBot,
            timeline_url = $"{api}/issues/{issue.Number}/timeline",
            performed_via_github_app = (object?)null,
            state_reason = issue.StateReason,
        };
    }

    private static object Render(HttpContext context, string owner, string repo, StubIssueComment comment)
    {
        var api = $"{ApiBase(context)}/repos/{owner}/{repo}";
        return new
        {
            url = $"{api}/issues/comments/{comment.Id}",
            html_url = $"https://github.com/{owner}/{repo}/issues/{comment.IssueNumber}#issuecomment-{comment.Id}",
            issue_url = $"{api}/issues/{comment.IssueNumber}",
            id = comment.Id,
            node_id = $"IC_kwDO{comment.Id}",
            user = ActionsBot,
            created_at = Timestamp(comment.CreatedAt),
            updated_at = Timestamp(comment.CreatedAt),
            author_association = "NONE",
            body = comment.Body,
            performed_via_github_app = (object?)null,
        };
    }

    /// <summary>The author of everything a workflow's GITHUB_TOKEN writes.</summary>
    private static readonly object ActionsBot = new
    {
        login = "github-actions[bot]",
        id = 41898282,
        node_id = "MDM6Qm90NDE4OTgyODI=",
        avatar_url = "https://avatars.githubusercontent.com/in/15368?v=4",
        html_url = "https://github.com/apps/github-actions",
        type = "Bot",
        site_admin = false,
    };

    /// <summary>Labels may be given as names or as objects with a name, as GitHub accepts both.</summary>
    private static List<string>? LabelNames(JsonElement request) =>
        request.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
            ? [.. labels.EnumerateArray()
                .Select(label => label.ValueKind == JsonValueKind.Object ? String(label, "name") : label.GetString())
                .OfType<string>()]
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult ValidationFailed(string field, string code) =>
        Results.Json(new
        {
            message = "Validation Failed",
            errors = new[] { new { resource = "Issue", code, field } },
            documentation_url = DocumentationUrl,
        }, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NotFound() =>
        Results.Json(new { message = "Not Found", documentation_url = DocumentationUrl }, statusCode: StatusCodes.Status404NotFound);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ApiBase(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/api/v3";
}

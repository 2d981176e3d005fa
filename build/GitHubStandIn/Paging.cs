using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// GitHub's pagination: <c>per_page</c> (default 30, at most 100) and <c>page</c> (from 1), and a <c>Link</c> header
/// with absolute next/last/first/prev URLs, which Octokit follows.
/// </summary>
public static class Paging
{
    public static IReadOnlyList<T> Page<T>(HttpContext context, IReadOnlyList<T> items)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var size) ? size : 30, 1, 100);
        var page = Math.Max(1, int.TryParse(query["page"], CultureInfo.InvariantCulture, out var number) ? number : 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{PageUrl(context.Request, perPage, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(context.Request, perPage, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{PageUrl(context.Request, perPage, 1)}>; rel=\"first\"");
            links.Add($"<{PageUrl(context.Request, perPage, page - 1)}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        return [.. items.Skip((page - 1) * perPage).Take(perPage)];
    }

    private static string PageUrl(HttpRequest request, int perPage, int page)
    {
        var parameters = request.Query
            .Where(pair => pair.Key is not ("page" or "per_page"))
            .Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value.ToString())}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"per_page={perPage}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", parameters)}";
    }
}

using System.Net;

namespace Delivery.CiReports;

/// <summary>
/// Text from GitHub's API (branch names, job and target names, URLs) is attacker-controlled: anyone who can push a
/// branch names it. Everything the page shows goes through here, in element text and in attribute values alike.
/// </summary>
public static class HtmlText
{
    /// <summary>Encodes &lt; &gt; &amp; " and ', so the text is inert both between tags and inside a quoted attribute.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An http(s) link, encoded for an attribute; anything else (javascript:, data:, relative) becomes "#".</summary>
    public static string Url(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? Encode(uri.AbsoluteUri)
            : "#";
}

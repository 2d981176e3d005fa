using System.Text.RegularExpressions;
using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// metadata-action's <c>{{date 'FORMAT' tz='Zone'}}</c>: the build's clock (<see cref="EventContext.Now"/>, one instant
/// for every tag of a build) in a time zone (IANA name, default UTC), written with a moment.js format
/// (<see cref="DateFormat"/>). Format and zone are checked when the rule is read.
/// </summary>
public sealed partial class DateExpression(DateFormat format, TimeZoneInfo zone)
{
    public const string Syntax = "{{date 'FORMAT'}} (optionally tz='Zone')";

    private const string Expected = "e.g. {{date 'YYYYMMDD'}} or {{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}";

    public DateFormat Format { get; } = format;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Reads one <c>{{date …}}</c> expression; throws <see cref="RuleSyntaxException"/> saying what is wrong.</summary>
    public static DateExpression Parse(string expression)
    {
        var match = Shape().Match(expression);
        if (!match.Success)
        {
            throw new RuleSyntaxException($"{expression} is not a date expression", Expected);
        }

        var zone = TimeZoneInfo.Utc;
        var keys = match.Groups["key"].Captures;
        var values = match.Groups["value"].Captures;
        for (var i = 0; i < keys.Count; i++)
        {
            // As metadata-action's helper: tz is the only option, anything else is an error.
            zone = keys[i].Value == "tz"
                ? FindZone(values[i].Value)
                : throw new RuleSyntaxException($"{expression} has an option '{keys[i].Value}'", "only tz='Zone', e.g. tz='Asia/Tokyo'");
        }

        return new DateExpression(DateFormat.Parse(match.Groups["format"].Value), zone);
    }

    /// <summary>The build's instant in <see cref="Zone"/>, formatted.</summary>
    public string Render(EventContext context) =>
        Format.Format(TimeZoneInfo.ConvertTime(context.Now ?? throw new InvalidOperationException(
            "The event context has no clock (EventContext.Now), so {{date …}} cannot be rendered: set Now where the context is built."), Zone));

    private static TimeZoneInfo FindZone(string name)
    {
        try
        {
            return name == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new RuleSyntaxException($"time zone '{name}' is unknown here", "an IANA time zone such as tz='UTC' or tz='Asia/Tokyo'");
        }
    }

    // Handlebars' helper call: the name, a quoted format, then key='value' options; either quote works.
    [GeneratedRegex("""^\{\{\s*date\s+(?<q>['"])(?<format>.*?)\k<q>(?:\s+(?<key>\w+)\s*=\s*(?<q2>['"])(?<value>.*?)\k<q2>)*\s*\}\}$""")]
    private static partial Regex Shape();
}

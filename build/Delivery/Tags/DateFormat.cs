using System.Globalization;
using System.Text;

namespace Delivery.Tags;

/// <summary>
/// The moment.js display format metadata-action's <c>{{date 'FORMAT'}}</c> renders with, for the tokens a tag needs:
/// <c>YYYY YY M MM D DD H HH m mm s ss S SS SSS</c>. Text in <c>[brackets]</c>, after a backslash, and letters that are
/// no moment token (the <c>T</c> of <c>YYYY-MM-DDTHH</c>) are copied as moment copies them. A moment token the build
/// does not render (<c>MMM</c>, <c>hh</c>, <c>A</c>, <c>Z</c>, …) is refused when the rule is read, not rendered wrong.
/// </summary>
public sealed class DateFormat
{
    public const string Tokens = "YYYY, YY, M, MM, D, DD, H, HH, m, mm, s, ss, S, SS, SSS";

    // Letters moment reads as (part of) a token; any other letter is literal text in moment too.
    private const string MomentTokenLetters = "YyMDdHhkmsSQWwgGeEaAXxZzN";

    private readonly IReadOnlyList<Func<DateTimeOffset, string>> parts;

    private DateFormat(string text, IReadOnlyList<Func<DateTimeOffset, string>> parts)
    {
        Text = text;
        this.parts = parts;
    }

    /// <summary>The format as written.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="text"/>; throws <see cref="RuleSyntaxException"/> naming an unsupported token.</summary>
    public static DateFormat Parse(string text)
    {
        var parts = new List<Func<DateTimeOffset, string>>();
        for (var i = 0; i < text.Length;)
        {
            var character = text[i];
            if (character == '[' && text.IndexOf(']', i + 1) is var close and > 0)
            {
                var literal = text[(i + 1)..close];
                parts.Add(_ => literal);
                i = close + 1;
            }
            else if (character == '\\' && i + 1 < text.Length)
            {
                var literal = text[i + 1].ToString();
                parts.Add(_ => literal);
                i += 2;
            }
            else if (MomentTokenLetters.Contains(character, StringComparison.Ordinal))
            {
                var end = i;
                while (end < text.Length && text[end] == character)
                {
                    end++;
                }

                parts.Add(Token(text[i..end], text));
                i = end;
            }
            else
            {
                var literal = character.ToString();
                parts.Add(_ => literal);
                i++;
            }
        }

        return new DateFormat(text, parts);
    }

    /// <summary>The instant as this format writes it (the caller has already moved it into the wanted time zone).</summary>
    public string Format(DateTimeOffset time) =>
        parts.Aggregate(new StringBuilder(), (builder, part) => builder.Append(part(time))).ToString();

    public override string ToString() => Text;

    private static Func<DateTimeOffset, string> Token(string token, string format) => token switch
    {
        "YYYY" => time => Number(time.Year, 4),
        "YY" => time => Number(time.Year % 100, 2),
        "M" => time => Number(time.Month, 1),
        "MM" => time => Number(time.Month, 2),
        "D" => time => Number(time.Day, 1),
        "DD" => time => Number(time.Day, 2),
        "H" => time => Number(time.Hour, 1),
        "HH" => time => Number(time.Hour, 2),
        "m" => time => Number(time.Minute, 1),
        "mm" => time => Number(time.Minute, 2),
        "s" => time => Number(time.Second, 1),
        "ss" => time => Number(time.Second, 2),
        // moment's S, SS, SSS: tenths, hundredths, milliseconds (truncated, not rounded).
        "S" => time => Number(time.Millisecond / 100, 1),
        "SS" => time => Number(time.Millisecond / 10, 2),
        "SSS" => time => Number(time.Millisecond, 3),
        _ => throw new RuleSyntaxException($"date format '{format}' uses '{token}', which the build does not render",
            $"moment tokens {Tokens}, other text as is or in [brackets]"),
    };

    private static string Number(int value, int digits) => value.ToString(new string('0', digits), CultureInfo.InvariantCulture);
}

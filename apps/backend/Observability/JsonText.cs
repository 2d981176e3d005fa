namespace Gateway.Observability;

/// <summary>JSON string escaping exactly as Serilog's <c>JsonValueFormatter</c> escapes, for text written without a string.</summary>
internal static class JsonText
{
    public static void WriteEscaped(ReadOnlySpan<char> text, TextWriter output)
    {
        var clean = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (char)32 and not '\\' and not '"')
            {
                continue;
            }

            output.Write(text[clean..i]);
            clean = i + 1;
            switch (c)
            {
                case '"':
                    output.Write("\\\"");
                    break;
                case '\\':
                    output.Write("\\\\");
                    break;
                case '\n':
                    output.Write("\\n");
                    break;
                case '\r':
                    output.Write("\\r");
                    break;
                case '\f':
                    output.Write("\\f");
                    break;
                case '\t':
                    output.Write("\\t");
                    break;
                default:
                    output.Write("\\u");
                    output.Write(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        output.Write(text[clean..]);
    }
}

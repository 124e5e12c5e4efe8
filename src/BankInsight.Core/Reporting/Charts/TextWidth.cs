namespace BankInsight.Reporting.Charts;

/// <summary>
/// Estimates how wide a label will be drawn, without fonts (this runs on servers that have none):
/// CJK and full-width characters take 1 em, ASCII letters and digits about 0.6 em, narrow
/// punctuation about 0.35 em. The estimate leans wide, so layouts that use it leave room for long
/// Chinese feature names rather than letting them collide; <see cref="Truncate"/> shortens a label
/// with "…" to a given width.
/// </summary>
public static class TextWidth
{
    /// <summary>The ellipsis <see cref="Truncate"/> appends.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// Estimated drawn width of <paramref name="text"/> in pixels at <paramref name="fontSize"/>
    /// pixels (the sum of per-character estimates; 0 for null or empty text).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fontSize"/> is not a positive finite number.</exception>
    public static double Estimate(string? text, double fontSize)
    {
        CheckFontSize(fontSize);
        if (string.IsNullOrEmpty(text)) return 0;
        double ems = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                ems += 1.0; // supplementary planes: CJK extensions, emoji — all wide
                i++;
                continue;
            }
            ems += Ems(text[i]);
        }
        return ems * fontSize;
    }

    /// <summary>
    /// <paramref name="text"/> unchanged when its estimated width fits in <paramref name="maxWidth"/>
    /// pixels; otherwise its longest prefix that fits together with "…" (trailing spaces dropped,
    /// surrogate pairs never split), or "" when not even "…" fits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fontSize"/> is not positive and finite, or <paramref name="maxWidth"/> is negative or not finite.</exception>
    public static string Truncate(string? text, double maxWidth, double fontSize)
    {
        CheckFontSize(fontSize);
        if (!double.IsFinite(maxWidth) || maxWidth < 0)
            throw new ArgumentOutOfRangeException(nameof(maxWidth), maxWidth, "The width must be a finite number of pixels, 0 or more.");
        if (string.IsNullOrEmpty(text)) return "";
        if (Estimate(text, fontSize) <= maxWidth) return text;
        double room = maxWidth - Estimate(Ellipsis, fontSize);
        if (room < 0) return "";
        double used = 0;
        int end = 0;
        while (end < text.Length)
        {
            int step = char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? 2 : 1;
            double width = Estimate(text.Substring(end, step), fontSize);
            if (used + width > room) break;
            used += width;
            end += step;
        }
        return text[..end].TrimEnd() + Ellipsis;
    }

    /// <summary>Width of one UTF-16 character in ems.</summary>
    internal static double Ems(char c)
    {
        if (c < 0x80)
        {
            return c switch
            {
                ' ' or '.' or ',' or ':' or ';' or '!' or '\'' or '|' or '`' or '(' or ')' or '[' or ']' or '{' or '}' or 'i' or 'j' or 'l' => 0.35,
                'm' or 'w' or 'M' or 'W' or '@' or '%' => 0.9,
                >= 'A' and <= 'Z' => 0.7,
                < ' ' or '\x7F' => 0,
                _ => 0.6,
            };
        }
        if (c is >= '\u0300' and <= '\u036F' or >= '\u200B' and <= '\u200F') return 0; // combining marks, zero-width
        if (IsWide(c)) return 1.0;
        if (c is >= '\u2000' and <= '\u206F') return 0.5; // general punctuation (en dash, quotes) not listed as wide
        return 0.6;
    }

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F'      // Hangul Jamo
        or '\u2014' or '\u2026' or '\u2030'    // em dash, ellipsis, per mille: full width in CJK fonts
        or >= '\u2E80' and <= '\u303E'         // CJK radicals, punctuation (、。「」)
        or >= '\u3041' and <= '\u33FF'         // kana, bopomofo, CJK compatibility
        or >= '\u3400' and <= '\u4DBF'         // CJK extension A
        or >= '\u4E00' and <= '\u9FFF'         // CJK unified ideographs
        or >= '\uA000' and <= '\uA4CF'         // Yi
        or >= '\uAC00' and <= '\uD7A3'         // Hangul syllables
        or >= '\uF900' and <= '\uFAFF'         // CJK compatibility ideographs
        or >= '\uFE30' and <= '\uFE4F'         // CJK compatibility forms
        or >= '\uFF01' and <= '\uFF60'         // full-width forms (（），：)
        or >= '\uFFE0' and <= '\uFFE6';        // full-width signs (￥)

    private static void CheckFontSize(double fontSize)
    {
        if (!double.IsFinite(fontSize) || fontSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(fontSize), fontSize, "The font size must be a positive number of pixels.");
    }
}

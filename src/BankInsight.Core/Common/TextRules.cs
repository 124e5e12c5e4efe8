using System.Globalization;
using System.Text;

namespace BankInsight.Common;

/// <summary>
/// Characters that have no place in a field of the bank's files: C0 controls (NUL, tab, line
/// breaks, escape codes), DEL, C1 controls, the Unicode line and paragraph separators, a byte
/// order mark inside the text, the bidirectional embeddings, overrides and isolates (U+202A–202E,
/// U+2066–2069: they make text read other than it is stored, "Trojan source") and the
/// noncharacters U+FFFE and U+FFFF. Read, they break what is built on them (a NUL in a result file, a
/// line break that turns 50 records into 51); so a row holding one is rejected, naming the
/// column, and a result writer refuses to write one.
/// </summary>
public static class TextRules
{
    /// <summary>Index of the first forbidden character of <paramref name="text"/>, or -1.</summary>
    public static int FirstForbidden(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyInRange('\0', '\u001F');
        int j = text.IndexOfAnyInRange('\u007F', '\u009F');
        int k = text.IndexOfAny('\u2028', '\u2029', '\uFEFF');
        int l = text.IndexOfAnyInRange('\u202A', '\u202E');
        int m = text.IndexOfAnyInRange('\u2066', '\u2069');
        int n = text.IndexOfAny('\uFFFE', '\uFFFF');
        int first = -1;
        foreach (int index in (Span<int>)[i, j, k, l, m, n])
            if (index >= 0 && (first < 0 || index < first)) first = index;
        return first;
    }

    /// <summary>A forbidden character as people can read it: "U+0000 (NUL)".</summary>
    public static string Describe(char c) => c switch
    {
        '\0' => "U+0000 (NUL)",
        '\t' => "U+0009 (tab)",
        '\n' => "U+000A (line feed)",
        '\r' => "U+000D (carriage return)",
        '\u001B' => "U+001B (escape)",
        '\uFEFF' => "U+FEFF (byte order mark)",
        _ => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}"),
    };

    /// <summary>
    /// The text with every forbidden or invisible character (format characters such as U+200B,
    /// spaces other than the ASCII one) written as \uXXXX, so a message never carries one and two
    /// ids that differ only so do not look alike.
    /// </summary>
    public static string Visible(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~') || text.All(c => !IsHidden(c))) return text;
        var visible = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (IsHidden(c)) visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else visible.Append(c);
        }
        return visible.ToString();
    }

    /// <summary>True for a character a reader cannot see: forbidden, a format character, or a space other than U+0020.</summary>
    public static bool IsHidden(char c) =>
        FirstForbidden([c]) == 0 || char.GetUnicodeCategory(c) == UnicodeCategory.Format || (char.IsWhiteSpace(c) && c != ' ');
}

namespace BankInsight.Data.Reading;

/// <summary>
/// How customer ids are compared. They are kept exactly as written (SPEC), but two ids that differ
/// only by spaces or invisible characters around them are the same customer: a trailing space or
/// a zero-width character from a copy-paste must not let a duplicate through or break a join.
/// Joins between two files also match an id written as a float rendering ("…19.0") with its plain
/// form ("…19"), since one export may round-trip ids through a number and the other not.
/// </summary>
public static class CustomerIds
{
    /// <summary>The id without spaces (any Unicode space, NBSP, ideographic space) or zero-width characters around it.</summary>
    public static string Comparable(string id)
    {
        int start = 0, end = id.Length;
        while (start < end && IsPadding(id[start])) start++;
        while (end > start && IsPadding(id[end - 1])) end--;
        return start == 0 && end == id.Length ? id : id[start..end];
    }

    /// <summary>The key two files are joined on: <see cref="Comparable"/>, and "…19.0" read as "…19".</summary>
    public static string JoinKey(string id)
    {
        string key = Comparable(id);
        int dot = key.Length - 2;
        if (dot > 0 && key[dot] == '.' && key[dot + 1] == '0' && key.AsSpan(0, dot).IndexOfAnyExceptInRange('0', '9') < 0)
            return key[..dot];
        return key;
    }

    /// <summary>True for a float rendering of an id ("210090000000000.0", "2.1009E+14").</summary>
    public static bool LooksLikeFloat(string id) =>
        id.EndsWith(".0", StringComparison.Ordinal) || id.Contains("E+", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Index of the first invisible character inside <paramref name="comparable"/> (an id without
    /// its padding), or -1: a format character (U+200B, U+00AD, U+180E, …) or a space other than
    /// U+0020 makes two ids look the same and compare different.
    /// </summary>
    public static int FirstInvisible(string comparable)
    {
        for (int i = 0; i < comparable.Length; i++)
            if (char.GetUnicodeCategory(comparable[i]) == System.Globalization.UnicodeCategory.Format || (char.IsWhiteSpace(comparable[i]) && comparable[i] != ' '))
                return i;
        return -1;
    }

    private static bool IsPadding(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}

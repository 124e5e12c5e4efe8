namespace BankInsight.Data.Reading;

/// <summary>
/// Which other common delimiter (';', tab, '|', ',') splits a raw line into a schema's number of
/// fields, for the hint when a file does not split at the one given. Quotes are honoured, so a
/// delimiter inside a quoted text does not count. Bytes suffice: every candidate is ASCII, and no
/// UTF-8 multi-byte character contains an ASCII byte; a GB18030 one can contain '|' (0x7C is a valid
/// trail byte), which is why this only ever gives a hint, never a decision.
/// </summary>
internal static class DelimiterHint
{
    private static readonly char[] Candidates = [';', '\t', '|', ','];

    /// <summary>The first candidate other than <paramref name="current"/> giving <paramref name="expectedFields"/> fields, or null.</summary>
    public static char? Guess(ReadOnlySpan<byte> raw, int expectedFields, char current)
    {
        foreach (char candidate in Candidates)
            if (candidate != current && CountFields(raw, (byte)candidate) == expectedFields) return candidate;
        return null;
    }

    /// <summary>How a delimiter reads in a message: "';'", or "a tab".</summary>
    public static string Show(char delimiter) => delimiter == '\t' ? "a tab" : $"'{delimiter}'";

    private static int CountFields(ReadOnlySpan<byte> raw, byte delimiter)
    {
        int fields = 1;
        bool quoted = false;
        foreach (byte b in raw)
        {
            if (b == (byte)'"') quoted = !quoted;
            else if (!quoted && b == delimiter) fields++;
            else if (!quoted && b is (byte)'\r' or (byte)'\n') break;
        }
        return fields;
    }
}

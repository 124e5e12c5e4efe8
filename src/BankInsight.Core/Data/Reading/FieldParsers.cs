using System.Globalization;

namespace BankInsight.Data.Reading;

/// <summary>
/// Parses numbers and dates from raw ASCII bytes, culture-free. The number fast path is
/// exact: a mantissa of at most 15 digits scaled by a power of ten up to 10^22 is computed
/// with one correctly rounded IEEE operation (Clinger 1990), giving the same double as
/// <see cref="double.Parse(string, IFormatProvider)"/>; anything else goes to the BCL parser.
/// </summary>
internal static class FieldParsers
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Removes ASCII spaces and tabs at both ends (DB2 pads CHAR columns).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && (s[a] == (byte)' ' || s[a] == (byte)'\t')) a++;
        while (b > a && (s[b - 1] == (byte)' ' || s[b - 1] == (byte)'\t')) b--;
        return s[a..b];
    }

    /// <summary>
    /// The largest magnitude a number in a data file may have: 10¹⁵ (a quadrillion yuan, a thousand
    /// times the largest balance sheet in China). Larger is an export error, and would overflow what
    /// models compute from it (a mean, a square); model files are held to the same bound.
    /// </summary>
    public const double LargestNumber = 1e15;

    /// <summary>
    /// Parses a plain decimal number: optional sign, digits, optional fraction, optional
    /// exponent. No thousands separators, no NaN/Infinity, no hex. <paramref name="s"/> must be trimmed and non-empty.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-' || s[0] == (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        ulong mantissa = 0;
        int significant = 0, scale = 0, digits = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            digits++;
            if (mantissa == 0 && d == 0) continue;
            if (significant < 19) { mantissa = mantissa * 10 + d; significant++; }
            else scale++;
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            for (i++; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                digits++;
                if (mantissa == 0 && d == 0) { scale--; continue; }
                if (significant < 19) { mantissa = mantissa * 10 + d; significant++; scale--; }
            }
        }
        if (digits == 0) return false;
        if (i < s.Length)
        {
            if (s[i] != (byte)'e' && s[i] != (byte)'E') return false;
            return SlowParse(s, out value);
        }
        if (significant > 15) return SlowParse(s, out value);
        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        if (scale == 0) value = mantissa;
        else if (scale > 0 && scale <= 22) value = mantissa * PowersOfTen[scale];
        else if (scale < 0 && scale >= -22) value = mantissa / PowersOfTen[-scale];
        else return SlowParse(s, out value);
        if (negative) value = -value;
        return true;
    }

    private static bool SlowParse(ReadOnlySpan<byte> s, out double value)
    {
        // Only the characters of a plain decimal number reach the BCL, so "NaN", "∞" and
        // thousands separators stay rejected.
        foreach (byte b in s)
        {
            if (!((b >= (byte)'0' && b <= (byte)'9') || b is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
            {
                value = 0;
                return false;
            }
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// Parses a date: yyyyMMdd (optionally with a ".0" suffix from a float rendering),
    /// yyyy-MM-dd or yyyy/MM/dd, optionally followed by a time part that is ignored.
    /// <paramref name="s"/> must be trimmed and non-empty.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        int year, month, day;
        if (s.Length >= 8 && AllDigits(s[..8]) && (s.Length == 8 || IsZeroFraction(s[8..])))
        {
            year = Number(s[..4]);
            month = Number(s[4..6]);
            day = Number(s[6..8]);
        }
        else if (s.Length >= 10 && (s[4] == (byte)'-' || s[4] == (byte)'/') && s[7] == s[4]
                 && AllDigits(s[..4]) && AllDigits(s[5..7]) && AllDigits(s[8..10])
                 && (s.Length == 10 || s[10] is (byte)' ' or (byte)'T' or (byte)'-'))
        {
            year = Number(s[..4]);
            month = Number(s[5..7]);
            day = Number(s[8..10]);
        }
        else
        {
            return false;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    /// <summary>True for ".0", ".00", … — how a float rendering writes a whole number.</summary>
    public static bool IsZeroFraction(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2 || s[0] != (byte)'.') return false;
        foreach (byte b in s[1..]) if (b != (byte)'0') return false;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s) if (b < (byte)'0' || b > (byte)'9') return false;
        return true;
    }

    private static int Number(ReadOnlySpan<byte> s)
    {
        int n = 0;
        foreach (byte b in s) n = n * 10 + (b - '0');
        return n;
    }
}

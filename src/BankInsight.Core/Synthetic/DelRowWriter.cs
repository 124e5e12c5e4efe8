using System.Text;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Renders rows in DB2 DEL form into a growable byte buffer: text and categorical values in
/// double quotes, numbers bare (money to the cent, trailing zeros dropped), dates as bare
/// yyyyMMdd, nulls empty, LF line ends. Numbers are formatted by hand from whole cents so the
/// bytes are culture-free and identical on every machine.
/// </summary>
internal sealed class DelRowWriter
{
    private readonly Encoding _encoding;
    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[1 << 16];

    public DelRowWriter(Encoding encoding) => _encoding = encoding;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void Write(SyntheticRow row)
    {
        var columns = row.Schema.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            if (c > 0) Byte((byte)',');
            switch (columns[c].Type)
            {
                case ColumnType.Text:
                    Quoted(row.Text(c), cache: false);
                    break;
                case ColumnType.Categorical:
                    Quoted(row.Text(c), cache: true);
                    break;
                case ColumnType.Number:
                    Money(row.Number(c));
                    break;
                default: // Integer, Flag, Date (as yyyyMMdd)
                    Whole(row.Number(c));
                    break;
            }
        }
        Byte((byte)'\n');
    }

    private void Quoted(string? text, bool cache)
    {
        if (text is null) return;
        Byte((byte)'"');
        if (cache)
        {
            if (!_cache.TryGetValue(text, out var bytes)) _cache[text] = bytes = _encoding.GetBytes(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            Bytes(bytes);
        }
        else
        {
            string escaped = text.Contains('"') ? text.Replace("\"", "\"\"", StringComparison.Ordinal) : text;
            Ensure(_encoding.GetMaxByteCount(escaped.Length));
            Length += _encoding.GetBytes(escaped, _buffer.AsSpan(Length));
        }
        Byte((byte)'"');
    }

    private void Money(double value)
    {
        if (double.IsNaN(value)) return;
        long cents = (long)Math.Round(value * 100, MidpointRounding.AwayFromZero);
        if (cents < 0)
        {
            Byte((byte)'-');
            cents = -cents;
        }
        Digits(cents / 100);
        long fraction = cents % 100;
        if (fraction == 0) return;
        Byte((byte)'.');
        Byte((byte)('0' + fraction / 10));
        if (fraction % 10 != 0) Byte((byte)('0' + fraction % 10));
    }

    private void Whole(double value)
    {
        if (double.IsNaN(value)) return;
        long n = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        if (n < 0)
        {
            Byte((byte)'-');
            n = -n;
        }
        Digits(n);
    }

    private void Digits(long n)
    {
        Span<byte> tmp = stackalloc byte[20];
        int i = tmp.Length;
        do
        {
            tmp[--i] = (byte)('0' + n % 10);
            n /= 10;
        } while (n > 0);
        Bytes(tmp[i..]);
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[Length++] = b;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
    }
}

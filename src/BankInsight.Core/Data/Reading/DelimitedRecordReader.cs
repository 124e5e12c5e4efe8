namespace BankInsight.Data.Reading;

/// <summary>
/// Splits a delimited byte stream into records and fields without decoding text: DB2 DEL and
/// CSV (delimiter, double-quoted fields with doubled quotes inside, newlines allowed inside
/// quotes, LF or CRLF line ends). Works on bytes because every structural character is ASCII
/// and never occurs inside a UTF-8 or GB18030 multi-byte sequence, so only the fields a job
/// actually needs as text are ever decoded.
/// </summary>
/// <remarks>
/// Streaming: holds one buffer (1 MB, grown only for a single record larger than that).
/// A record's fields are valid until the next call to <see cref="Read"/>.
/// Cost: one vectorised search per field; O(bytes).
/// </remarks>
internal sealed class DelimitedRecordReader
{
    private readonly Stream _stream;
    private readonly byte _delimiter;
    private byte[] _buffer;
    private int _start;      // first unconsumed byte
    private int _end;        // end of valid data
    private bool _eof;
    private int _nextLine = 1;

    private int[] _fieldStart = new int[256];
    private int[] _fieldLength = new int[256];
    private byte[] _fieldFlags = new byte[256];

    internal const byte Quoted = 1;
    internal const byte HasEscapedQuotes = 2;

    public DelimitedRecordReader(Stream stream, byte delimiter, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _delimiter = delimiter;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>1-based line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>True when the current record's quoting is broken (unclosed quote, text after a closing quote).</summary>
    public bool Malformed { get; private set; }

    /// <summary>True when the current record is an empty line.</summary>
    public bool IsBlank => FieldCount == 1 && _fieldLength[0] == 0 && (_fieldFlags[0] & Quoted) == 0;

    /// <summary>The whole current record as it was in the file, line terminator included.</summary>
    public ReadOnlySpan<byte> RawRecord => _buffer.AsSpan(_recordStart, _recordEnd - _recordStart);

    private int _recordStart, _recordEnd;

    /// <summary>Content of field <paramref name="index"/> (between quotes if quoted; doubled quotes not yet undone).</summary>
    public ReadOnlySpan<byte> Field(int index) => _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>Flags of field <paramref name="index"/>: <see cref="Quoted"/>, <see cref="HasEscapedQuotes"/>.</summary>
    public byte FieldFlags(int index) => _fieldFlags[index];

    /// <summary>Skips a byte sequence (a BOM) at the very start of the stream if present; true when skipped.</summary>
    public bool SkipPreamble(ReadOnlySpan<byte> preamble)
    {
        Fill();
        while (_end - _start < preamble.Length && !_eof) Fill();
        if (_end - _start >= preamble.Length && _buffer.AsSpan(_start, preamble.Length).SequenceEqual(preamble))
        {
            _start += preamble.Length;
            BytesConsumed += preamble.Length;
            return true;
        }
        return false;
    }

    /// <summary>Peeks at the first bytes of the stream without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        while (_end - _start < count && !_eof) Fill();
        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    /// <summary>Moves to the next record; false at the end of the stream.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_start >= _end)
            {
                if (_eof) return false;
                Fill();
                continue;
            }
            int end = TryParseRecord(_start, out int innerNewlines);
            if (end < 0)
            {
                if (_eof) throw new InvalidOperationException("parser asked for more data at end of stream");
                Fill();
                continue;
            }
            _recordStart = _start;
            _recordEnd = end;
            BytesConsumed += end - _start;
            _start = end;
            Line = _nextLine;
            _nextLine += 1 + innerNewlines;
            return true;
        }
    }

    /// <summary>
    /// Parses the record starting at <paramref name="p"/>; returns the index just past its line
    /// terminator, or -1 when the buffer ends before the record does (and more data may come).
    /// </summary>
    private int TryParseRecord(int p, out int innerNewlines)
    {
        innerNewlines = 0;
        int count = 0;
        Malformed = false;
        byte[] buf = _buffer;
        int end = _end;
        while (true)
        {
            if (count == _fieldStart.Length) GrowFields();
            if (p < end && buf[p] == (byte)'"')
            {
                // Quoted field: find the closing quote, skipping doubled quotes.
                int q = p + 1;
                byte flags = Quoted;
                while (true)
                {
                    int idx = buf.AsSpan(q, end - q).IndexOf((byte)'"');
                    if (idx < 0)
                    {
                        if (!_eof) return -1;
                        // Unclosed quote at end of file: the rest is this field.
                        Malformed = true;
                        q = end;
                        break;
                    }
                    q += idx;
                    if (q + 1 < end && buf[q + 1] == (byte)'"')
                    {
                        flags |= HasEscapedQuotes;
                        q += 2;
                        continue;
                    }
                    if (q + 1 >= end && !_eof) return -1;
                    break;
                }
                int contentStart = p + 1;
                int contentEnd = Math.Min(q, end);
                innerNewlines += buf.AsSpan(contentStart, contentEnd - contentStart).Count((byte)'\n');
                SetField(count++, contentStart, contentEnd - contentStart, flags);
                p = Math.Min(q + 1, end);
                if (p >= end) { FieldCount = count; return end; } // only at end of stream (checked above)
                byte next = buf[p];
                if (next == _delimiter) { p++; continue; }
                if (next == (byte)'\n') { FieldCount = count; return p + 1; }
                if (next == (byte)'\r')
                {
                    if (p + 1 < end) { if (buf[p + 1] == (byte)'\n') { FieldCount = count; return p + 2; } }
                    else if (!_eof) return -1;
                    else { FieldCount = count; return end; }
                }
                // Text after the closing quote: broken quoting. The record runs to the end of the line.
                Malformed = true;
                int nl = buf.AsSpan(p, end - p).IndexOf((byte)'\n');
                if (nl < 0)
                {
                    if (!_eof) return -1;
                    FieldCount = count;
                    return end;
                }
                FieldCount = count;
                return p + nl + 1;
            }
            else
            {
                int idx = buf.AsSpan(p, end - p).IndexOfAny(_delimiter, (byte)'\n');
                if (idx < 0)
                {
                    if (!_eof) return -1;
                    int len = end - p;
                    if (len > 0 && buf[end - 1] == (byte)'\r') len--;
                    SetField(count++, p, len, 0);
                    FieldCount = count;
                    return end;
                }
                int q = p + idx;
                if (buf[q] == _delimiter)
                {
                    SetField(count++, p, idx, 0);
                    p = q + 1;
                    continue;
                }
                int length = idx;
                if (length > 0 && buf[q - 1] == (byte)'\r') length--;
                SetField(count++, p, length, 0);
                FieldCount = count;
                return q + 1;
            }
        }
    }

    private void SetField(int index, int start, int length, byte flags)
    {
        _fieldStart[index] = start;
        _fieldLength[index] = length;
        _fieldFlags[index] = flags;
    }

    private void GrowFields()
    {
        Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
        Array.Resize(ref _fieldLength, _fieldLength.Length * 2);
        Array.Resize(ref _fieldFlags, _fieldFlags.Length * 2);
    }

    private void Fill()
    {
        if (_eof) return;
        if (_start > 0)
        {
            // Keep the unfinished record, drop what was consumed.
            int remaining = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _end = remaining;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2); // one record larger than the buffer
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }
}

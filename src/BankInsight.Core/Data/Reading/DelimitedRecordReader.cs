using CsvHelper;

namespace BankInsight.Data.Reading;

/// <summary>
/// Splits a delimited byte stream into records and fields without decoding text: DB2 DEL and
/// CSV (any one-byte ASCII delimiter, double-quoted fields with doubled quotes inside, LF, CRLF
/// or CR line ends). The splitting is CsvHelper's <see cref="CsvReader"/> (SIMD over the bytes);
/// this class feeds it whole lines from its own buffer, so every record's bytes — line ends
/// included — are known exactly, and applies the quoting rule below. Works on bytes because
/// every structural character is ASCII and never occurs inside a UTF-8 or GB18030 multi-byte
/// sequence (for ',', ';', tab, quote and line ends; not for '|', a GB18030 trail byte, which DB2
/// refuses as a delimiter for double-byte code pages too), so only the fields a job needs as text
/// are ever decoded, in the file's own encoding.
/// </summary>
/// <remarks>
/// <para>The quoting rule. DB2 EXPORT puts quotes only around whole character fields and doubles
/// a quote inside one, so:</para>
/// <list type="bullet">
/// <item>A quote opens a quoted field only at the very start of a field. A quote anywhere else in
/// an unquoted field (<c>1,ab"c,2</c>) is an ordinary character of that field — data: IBM's DEL
/// grammar makes a non-delimited string "any characters except a row or column delimiter", RFC
/// 4180 readers and Excel agree, and the column's own check still applies.</item>
/// <item>A quoted field ends at a quote followed by the delimiter, a line end or the end of the
/// input. Text after its closing quote (<c>"ab"c</c>), or no closing quote at all, is broken
/// quoting: the record is <see cref="Malformed"/> and is its own line only.</item>
/// <item>A quoted field may hold line breaks — DB2 EXPORT writes a VARCHAR's line feeds as they
/// are, and Excel writes them for Alt+Enter, though DB2's own IMPORT and LOAD end a row at every
/// line break unless told <c>MODIFIED BY delprioritychar</c> — but only when it closes properly
/// within <see cref="MaxQuotedSpan"/> bytes of its record's start. Otherwise the quote was stray: the record is its first line, flagged
/// <see cref="Malformed"/>, and reading goes on at the next line. So one stray quote costs one
/// line, never the rest of the file; <see cref="ReadFirstLineOnly"/> lets the caller apply the
/// same to a multi-line record that turns out wrong for other reasons: the wrong field count, or
/// a line inside it that is a whole record by itself (<see cref="FindInnerRecord"/>). Reading
/// such a record whole keeps the rows after it in their places; the loader then rejects it, as
/// one row, for the line break in its field (<see cref="Common.TextRules"/>), because a line
/// break in a value would break every line-per-record file built on it.</item>
/// </list>
/// <para>Streaming: holds one buffer (1 MB, grown for a single line larger than that, or to look
/// <see cref="MaxQuotedSpan"/> ahead for a multi-line field). A record's fields are valid until
/// the next call to <see cref="Read"/>. Cost: O(bytes): CsvHelper's SIMD pass, one vectorised
/// search for line breaks in each record, one look at its line end; a broken multi-line record
/// is read again as its first line alone.</para>
/// </remarks>
internal sealed class DelimitedRecordReader : IDisposable
{
    /// <summary>How far (bytes from its record's start) a quoted field may run over line ends.
    /// Far above any real record: a DB2 row is at most 32 KB (on a 32K page, LOBs aside).</summary>
    internal const int MaxQuotedSpan = 1 << 20;

    /// <summary>The longest line read before the file is refused (<see cref="LineTooLongException"/>):
    /// 2,000 times the longest DB2 row, and a bound on the buffer, so a file without line breaks
    /// costs 64 MiB and a clear error, not all the memory and a crash.</summary>
    internal const int MaxLineBytes = 64 << 20;

    internal const byte Quoted = 1;

    /// <summary>Never set by this reader: <see cref="Field"/> already undoes doubled quotes. Kept for
    /// callers written against the earlier contract, which undid them when this flag was set.</summary>
    internal const byte HasEscapedQuotes = 2;

    private readonly Stream _stream;
    private readonly byte _delimiter;
    private readonly CsvReaderOptions _quotedMode;
    private readonly CsvReaderOptions _lineMode;
    private readonly List<(long Offset, CsvMalformedReason Reason)> _mainProblems = [];
    private readonly List<(long Offset, CsvMalformedReason Reason)> _lineProblems = [];
    private int _mainProblemsSeen;

    // _buffer[_start - 1] always exists and belongs to consumed input (or is the slot kept free
    // at index 0): each CsvHelper reader is given the input from there with a line feed written
    // into it, so it starts with one empty record that is skipped — and never mistakes the
    // first bytes of a line for a byte order mark.
    private byte[] _buffer;
    private int _start = 1;
    private int _end = 1;
    private bool _eof;
    private long _origin = -1;     // stream position of _buffer[0]
    private long _preamble;        // bytes skipped by SkipPreamble

    private CsvReader? _main;      // whole lines from _start; line breaks allowed in quotes
    private int _mainBase;         // buffer index of the _main input's first byte
    private int _mainEnd;          // buffer index just past the _main input
    private bool _mainLead;        // the empty record of the leading line feed is still to come
    private CsvReader? _single;    // the current record when it is one broken line read alone
    private CsvReader? _current;

    private int _nextLine = 1;
    private int _recordStart, _contentEnd, _recordEnd;

    public DelimitedRecordReader(Stream stream, byte delimiter, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _delimiter = delimiter;
        _buffer = new byte[Math.Max(bufferSize, 1) + 1];
        _quotedMode = new CsvReaderOptions
        {
            Separator = (char)delimiter,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            Quote = '"',
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            TrimWhitespace = false,
            TrackLineNumbers = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            OnMalformedRecord = r => _mainProblems.Add((r.ByteOffset, r.Reason)),
        };
        _lineMode = _quotedMode with { AllowLineBreaksInQuotes = false, OnMalformedRecord = r => _lineProblems.Add((r.ByteOffset, r.Reason)) };
    }

    /// <summary>Bytes consumed from the stream so far (for progress).</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>1-based line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>True when the current record's quoting is broken (see the quoting rule in the remarks).</summary>
    public bool Malformed { get; private set; }

    /// <summary>True when the current record runs over more than one line (a quoted field holds a line break).</summary>
    public bool SpansLines { get; private set; }

    /// <summary>True when the current record is an empty line, or one of spaces and tabs only (a padded export's "empty" line).</summary>
    public bool IsBlank => FieldCount == 1 && _buffer.AsSpan(_recordStart, _contentEnd - _recordStart).IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>The whole current record as it was in the file, line terminator included.</summary>
    public ReadOnlySpan<byte> RawRecord => _buffer.AsSpan(_recordStart, _recordEnd - _recordStart);

    /// <summary>Content of field <paramref name="index"/>: between the quotes if quoted, doubled quotes undone.</summary>
    public ReadOnlySpan<byte> Field(int index) => _current!.GetSpan(index);

    /// <summary>Flags of field <paramref name="index"/>: <see cref="Quoted"/>. A second lookup per field: the loader does not need it.</summary>
    public byte FieldFlags(int index)
    {
        var raw = _current!.GetRawSpan(index);
        return raw.Length > 0 && raw[0] == (byte)'"' ? Quoted : (byte)0;
    }

    /// <summary>Skips a byte sequence (a BOM) at the very start of the stream if present; true when skipped.</summary>
    public bool SkipPreamble(ReadOnlySpan<byte> preamble)
    {
        var head = Peek(preamble.Length);
        if (head.Length < preamble.Length || !head.SequenceEqual(preamble)) return false;
        _start += preamble.Length;
        _preamble += preamble.Length;
        BytesConsumed = _preamble;
        return true;
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
        CloseSingle();
        while (true)
        {
            if (_main is null && !OpenMain()) return false;
            if (!_main!.Read())
            {
                _start = _mainEnd;
                CloseMain();
                continue;
            }
            if (_mainLead)
            {
                _mainLead = false;
                continue;
            }
            long offset = _main.ByteOffset;
            int start = _mainBase + (int)offset;
            int contentEnd = start + _main.RawRecord.Length;
            var problem = TakeProblem(offset, contentEnd - _mainBase);
            bool spans = _buffer.AsSpan(start, contentEnd - start).IndexOfAny((byte)'\n', (byte)'\r') >= 0;
            bool broken = problem is CsvMalformedReason.TextAfterClosingQuote or CsvMalformedReason.UnterminatedQuote;
            if (problem == CsvMalformedReason.UnterminatedQuote && contentEnd == _mainEnd && !_eof && contentEnd - start < MaxQuotedSpan)
            {
                // The quoted field may close in input not read yet: read on, then parse it again.
                _start = start;
                CloseMain();
                Fill();
                continue;
            }
            if (spans && (broken || contentEnd - start > MaxQuotedSpan))
            {
                // The quote that ran over line ends was stray: the record is its first line.
                ReadFirstLine(start);
                return true;
            }
            Malformed = broken;
            SetRecord(_main, start, contentEnd, _mainEnd, spans);
            return true;
        }
    }

    /// <summary>
    /// Makes the current record its first line only, flagged <see cref="Malformed"/>; the next
    /// <see cref="Read"/> goes on with its second line. For a multi-line record that is wrong
    /// for the caller: the quote that opened it was stray after all.
    /// </summary>
    public void ReadFirstLineOnly()
    {
        if (!SpansLines) return;
        _nextLine = Line;
        ReadFirstLine(_recordStart);
    }

    /// <summary>
    /// The line, inside the current multi-line record and after its first, that would on its own
    /// be a well-formed record of <paramref name="fieldCount"/> fields; 0 when there is none. A
    /// quoted field that takes in whole records was opened by a stray quote and closed by another.
    /// The last line counts only when the field it closes is not the record's first: the last
    /// line of a real multi-line first field has all the record's fields too (<c>"a\nb",2,3</c>
    /// ends in <c>b",2,3</c>), while that of a later field has fewer.
    /// </summary>
    public int FindInnerRecord(int fieldCount)
    {
        if (!SpansLines) return 0;
        var rest = _buffer.AsSpan(_recordStart, _contentEnd - _recordStart);
        int line = Line;
        while (true)
        {
            int lineEnd = rest.IndexOfAny((byte)'\n', (byte)'\r');
            if (lineEnd < 0) return 0;
            rest = rest[(lineEnd + (rest[lineEnd] == (byte)'\r' && lineEnd + 1 < rest.Length && rest[lineEnd + 1] == (byte)'\n' ? 2 : 1))..];
            line++;
            int next = rest.IndexOfAny((byte)'\n', (byte)'\r');
            if (CountFields(next < 0 ? rest : rest[..next]) == fieldCount && (next >= 0 || LastFieldWithLineBreak() > 0)) return line;
        }
    }

    private int LastFieldWithLineBreak()
    {
        for (int i = FieldCount - 1; i >= 0; i--)
            if (_current!.GetRawSpan(i).IndexOfAny((byte)'\n', (byte)'\r') >= 0) return i;
        return -1;
    }

    /// <summary>Fields in one line under the quoting rule; -1 when its quoting is broken.</summary>
    private int CountFields(ReadOnlySpan<byte> line)
    {
        int fields = 1, i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == (byte)'"')
            {
                i++;
                while (true)
                {
                    int quote = line[i..].IndexOf((byte)'"');
                    if (quote < 0) return -1;
                    i += quote + 1;
                    if (i < line.Length && line[i] == (byte)'"') i++;
                    else break;
                }
                if (i == line.Length) return fields;
                if (line[i] != _delimiter) return -1;
            }
            else
            {
                int delimiter = line[i..].IndexOf(_delimiter);
                if (delimiter < 0) return fields;
                i += delimiter;
            }
            i++;
            fields++;
        }
    }

    public void Dispose()
    {
        CloseSingle();
        CloseMain();
    }

    /// <summary>Makes the first line of the record at <paramref name="start"/>, read alone, the current record, flagged broken.</summary>
    private void ReadFirstLine(int start)
    {
        CloseSingle();
        CloseMain();
        _start = start;
        var line = _buffer.AsSpan(start, _end - start);
        int lineEnd = line.IndexOfAny((byte)'\n', (byte)'\r');
        lineEnd = lineEnd < 0 ? _end : start + lineEnd + (line[lineEnd] == (byte)'\r' && lineEnd + 1 < line.Length && line[lineEnd + 1] == (byte)'\n' ? 2 : 1);
        _single = Open(_lineMode, _lineProblems, lineEnd, out int inputBase);
        if (!_single.Read() || !_single.Read()) throw new InvalidOperationException("a line vanished on re-reading");
        int contentEnd = start + _single.RawRecord.Length;
        Malformed = true;
        SetRecord(_single, start, contentEnd, lineEnd, spans: false);
        _start = _recordEnd;
    }

    private void SetRecord(CsvReader reader, int start, int contentEnd, int inputEnd, bool spans)
    {
        _current = reader;
        FieldCount = reader.FieldCount;
        _recordStart = start;
        _contentEnd = contentEnd;
        _recordEnd = contentEnd;
        if (contentEnd < inputEnd)
        {
            // The line end CsvHelper left out of the record: LF, CRLF or a lone CR.
            _recordEnd += _buffer[contentEnd] == (byte)'\r' && contentEnd + 1 < inputEnd && _buffer[contentEnd + 1] == (byte)'\n' ? 2 : 1;
        }
        SpansLines = spans;
        Line = _nextLine;
        _nextLine += 1 + (spans ? LineBreaks(_buffer.AsSpan(start, contentEnd - start)) : 0);
        BytesConsumed = _origin + _recordEnd;
    }

    /// <summary>Starts the main reader on the whole lines from <see cref="_start"/>; false at the end of the stream.</summary>
    private bool OpenMain()
    {
        while (true)
        {
            if (_start < _end)
            {
                int end = _eof ? _end : LastLineEnd(_start, _end);
                if (end > _start)
                {
                    _main = Open(_quotedMode, _mainProblems, end, out _mainBase);
                    _mainProblemsSeen = 0;
                    _mainEnd = end;
                    _mainLead = true;
                    return true;
                }
            }
            else if (_eof)
            {
                return false;
            }
            Fill();
        }
    }

    /// <summary>A CsvHelper reader over the buffer from just before <see cref="_start"/> to <paramref name="end"/>.</summary>
    private CsvReader Open(CsvReaderOptions options, List<(long, CsvMalformedReason)> problems, int end, out int inputBase)
    {
        inputBase = _start - 1;
        _buffer[inputBase] = (byte)'\n';
        problems.Clear();
        return CsvReader.Create(new ReadOnlyMemory<byte>(_buffer, inputBase, end - inputBase), options);
    }

    /// <summary>Index just past the last line end in [start, end) that is surely complete (a CR last in the data may be half of a CRLF); start when none.</summary>
    private int LastLineEnd(int start, int end)
    {
        var span = _buffer.AsSpan(start, end - start);
        int last = span.LastIndexOfAny((byte)'\n', (byte)'\r');
        if (last >= 0 && span[last] == (byte)'\r' && last == span.Length - 1 && !_eof)
            last = span[..last].LastIndexOfAny((byte)'\n', (byte)'\r');
        return start + last + 1;
    }

    /// <summary>The quoting problem the main reader reported inside [from, to] of its input, if any; earlier reports are dropped.</summary>
    private CsvMalformedReason? TakeProblem(long from, long to)
    {
        CsvMalformedReason? found = null;
        while (_mainProblemsSeen < _mainProblems.Count)
        {
            var (offset, reason) = _mainProblems[_mainProblemsSeen];
            if (offset > to) break;
            _mainProblemsSeen++;
            if (offset >= from && reason != CsvMalformedReason.FieldCountMismatch && (found is null or CsvMalformedReason.StrayQuote)) found = reason;
        }
        return found;
    }

    private static int LineBreaks(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') count++;
            else if (bytes[i] == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] != (byte)'\n')) count++;
        }
        return count;
    }

    private void CloseMain()
    {
        if (_current == _main) _current = null;
        _main?.Dispose();
        _main = null;
    }

    private void CloseSingle()
    {
        if (_single is null) return;
        if (_current == _single) _current = null;
        _single.Dispose();
        _single = null;
    }

    /// <summary>Reads more of the stream: drops what was consumed (keeping the byte before <see cref="_start"/>), grows for a line larger than the buffer.</summary>
    private void Fill()
    {
        if (_eof) return;
        if (_main is not null || _single is not null) throw new InvalidOperationException("the buffer moved under an open reader");
        if (_start > 1)
        {
            int keep = _start - 1;
            Buffer.BlockCopy(_buffer, keep, _buffer, 0, _end - keep);
            _end -= keep;
            _start = 1;
            _origin += keep;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length - 1 >= MaxLineBytes) throw new LineTooLongException(_nextLine);
            Array.Resize(ref _buffer, Math.Min((_buffer.Length - 1) * 2, MaxLineBytes) + 1);
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }
}

/// <summary>A line longer than <see cref="DelimitedRecordReader.MaxLineBytes"/>: not a delimited file.</summary>
internal sealed class LineTooLongException(int line) : Exception($"Line {line} is longer than {DelimitedRecordReader.MaxLineBytes >> 20} MiB.")
{
    public int Line { get; } = line;
}

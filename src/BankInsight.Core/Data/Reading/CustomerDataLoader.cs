using System.Text;
using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>
/// Loads a DEL or CSV file into a <see cref="CustomerDataSet"/>: detects BOM and encoding,
/// maps a header row (if any) onto the schema by name, converts every field to its column's
/// type, and rejects bad rows one by one — each reported through the sink with file, line,
/// column, value and reason, and optionally written verbatim to a reject file — so that
/// nothing is silently dropped. Columns empty in every row are dropped with a warning.
/// </summary>
/// <remarks>
/// Streams the file once (twice when the encoding is detected: a fast UTF-8 validity pass
/// first), so memory is the columns, not the text. Rows keep file order; the first row with
/// a given customer id wins.
/// </remarks>
public static class CustomerDataLoader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Gb18030Bom = [0x84, 0x31, 0x95, 0x33];
    private const int LayoutCheckRecords = 3;
    private const int ProgressEvery = 1 << 16;

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static CustomerDataSet Load(string path, DataLoadOptions options, IOperationSink sink, CancellationToken cancellationToken = default) =>
        FromFile(path, stream => Load(stream, path, options, sink, cancellationToken));

    /// <summary>
    /// Reads the file at <paramref name="path"/> in chunks of at most <paramref name="chunkRows"/> loaded
    /// rows and hands each to <paramref name="onChunk"/> as it is read, so memory is one chunk rather than
    /// the file. Exactly the rows <see cref="Load(string, DataLoadOptions, IOperationSink, CancellationToken)"/>
    /// rejects are rejected, with the same messages; the chunks' rows together are the rows it loads, in
    /// file order, with their source lines. Every chunk has the same columns — each kept column the header
    /// has, even one empty in that chunk — and a categorical column's codes mean the same in every chunk
    /// (values first seen later are appended to its categories). Columns empty in every row of the file are
    /// known only at the end: they are named in the returned summary, with the same warning.
    /// A chunk lives until <paramref name="onChunk"/> returns: its arrays are written again by the next
    /// chunk (a pass allocates its buffers once), so a consumer copies what it keeps.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="chunkRows">Rows per chunk (at least <see cref="MinChunkRows"/>).</param>
    /// <param name="onChunk">Receives each chunk.</param>
    /// <param name="sink">Rejections, warnings, progress.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="overlap">
    /// A chunk stays intact until the next-but-one is handed over (two sets of buffers in turn): for a
    /// consumer that works on a chunk on another thread while the next is read, and waits for that work
    /// before it returns from the next call.
    /// </param>
    public static LoadSummary LoadInChunks(string path, DataLoadOptions options, int chunkRows, Action<CustomerDataSet> onChunk, IOperationSink sink,
        CancellationToken cancellationToken = default, bool overlap = false)
    {
        if (chunkRows < MinChunkRows) throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, $"A chunk holds at least {MinChunkRows} rows.");
        return FromFile(path, stream => Run(new LoadRun(stream, path, options, sink, cancellationToken) { ChunkRows = chunkRows, OnChunk = onChunk, OverlapChunks = overlap }).Summary);
    }

    /// <summary>Fewest rows in a chunk: enough that the file's layout is checked (first rows) before the first chunk leaves.</summary>
    public const int MinChunkRows = 1024;

    private static T FromFile<T>(string path, Func<Stream, T> read)
    {
        if (Directory.Exists(path))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"'{path}' is a folder, not a data file.", path);
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Data file '{path}' does not exist.", path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"Data file '{path}' cannot be read: {e.Message}", path, e);
        }
        using (stream)
        {
            try
            {
                return read(stream);
            }
            catch (IOException e)
            {
                throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"Data file '{path}' could not be read to the end: {e.Message}", path, e);
            }
        }
    }

    /// <summary>Loads from a stream; <paramref name="source"/> names it in messages.</summary>
    public static CustomerDataSet Load(Stream stream, string source, DataLoadOptions options, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        return Run(new LoadRun(stream, source, options, sink, cancellationToken)).Data!;
    }

    private static (CustomerDataSet? Data, LoadSummary Summary) Run(LoadRun run)
    {
        if (run.Options.Delimiter is '"' or '\r' or '\n' || run.Options.Delimiter > 127)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"The delimiter '{run.Options.Delimiter}' cannot be used; choose an ASCII character other than a quote or a line break.", run.Options.Delimiter);
        try
        {
            return run.Execute();
        }
        catch (LineTooLongException e)
        {
            string name = Path.GetFileName(run.Source) is { Length: > 0 } n ? n : run.Source;
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"Line {e.Line:N0} of {name} runs over {DelimitedRecordReader.MaxLineBytes >> 20} MiB without a line break; a .del file has one row per line (a DB2 row is at most 32 KB). Is this the right file?", run.Source, e);
        }
    }

    /// <summary>The state of one load; lives for one call.</summary>
    private sealed class LoadRun
    {
        private readonly Stream _stream;
        private readonly string _source;
        private readonly string _displayName;
        private readonly DataLoadOptions _options;
        private readonly BankSchema _schema;
        private readonly IOperationSink _sink;
        private readonly CancellationToken _cancel;
        private readonly Dictionary<RejectReason, int> _rejectedByReason = [];
        private readonly List<(RowRejection Rejection, byte[] Raw)> _pending = [];
        private AtomicFileWriter? _rejectWriter;
        private bool _layoutChecked;
        private bool _sawGoodRecord;
        private int _paddedIds;
        private string? _paddedExample;
        private int _wrongCountSeen = -1;
        private bool _allWrongCount = true;
        private int _rowsHandedOver;
        private int _nextWanted;

        /// <summary>Chunk mode: rows per chunk (0: the whole file in one data set).</summary>
        public int ChunkRows { get; init; }

        /// <summary>Chunk mode: receives each chunk.</summary>
        public Action<CustomerDataSet>? OnChunk { get; init; }

        /// <summary>Chunk mode: two sets of buffers lent in turn, so a chunk stays intact while the next is read.</summary>
        public bool OverlapChunks { get; init; }

        public DataLoadOptions Options => _options;

        public string Source => _source;

        public LoadRun(Stream stream, string source, DataLoadOptions options, IOperationSink sink, CancellationToken cancel)
        {
            _stream = stream;
            _source = source;
            _displayName = Path.GetFileName(source) is { Length: > 0 } name ? name : source;
            _options = options;
            _schema = options.Schema;
            _sink = sink;
            _cancel = cancel;
        }

        public (CustomerDataSet? Data, LoadSummary Summary) Execute()
        {
            long start = _stream.CanSeek ? _stream.Position : 0;
            long length = _stream.CanSeek ? _stream.Length - start : -1;
            using var reader = new DelimitedRecordReader(_stream, (byte)_options.Delimiter);
            var (encoding, detected, bom, expectedRows) = ChooseEncoding(reader, start);
            if (bom is not null) reader.SkipPreamble(bom);
            var decoder = new FieldDecoder(encoding, LenientOf(encoding));
            _sink.Verbose($"Reading {_source} as {_schema.Name} ({_schema.ColumnCount} columns), encoding {TextEncodings.NameOf(encoding)} ({_encodingReason}).");
            if (detected && _encodingWarning is not null)
                _sink.Warning($"{_displayName}: {_encodingWarning}.");

            var group = _options.RejectCommit;
            try
            {
                _rejectWriter = _options.RejectPath is null ? null : new AtomicFileWriter(_options.RejectPath);
                if (_rejectWriter is not null) group?.Add(_rejectWriter);
                if (bom is not null) _rejectWriter?.Stream.Write(bom);
                var result = ReadAll(reader, decoder, encoding, detected, bom is not null, length, expectedRows);
                if (group is null) _rejectWriter?.Commit();
                return result;
            }
            finally
            {
                if (group is null) _rejectWriter?.Dispose(); // a group's files are the group's to commit or discard
            }
        }

        private (CustomerDataSet? Data, LoadSummary Summary) ReadAll(DelimitedRecordReader reader, FieldDecoder decoder, Encoding encoding, bool detected, bool hadBom, long length, int expectedRows)
        {
            if (ChunkRows > 0) expectedRows = Math.Min(expectedRows, ChunkRows);
            else if (_options.Lines is { } wanted) expectedRows = Math.Min(expectedRows, wanted.Count);
            string activity = $"Loading {_displayName}";
            int blankLines = 0;

            // First non-blank record: header or data?
            bool hasRecord;
            while ((hasRecord = reader.Read()) && reader.IsBlank) blankLines++;
            ColumnLoader[] loaders;
            int expectedFields;
            bool hadHeader = false;
            var ignoredHeaderColumns = new List<string>();
            var missingHeaderColumns = new List<string>();
            if (hasRecord && IsHeader(reader, decoder))
            {
                hadHeader = true;
                // A chunk's buffers are sized to the chunk exactly, so that full chunks lend them (no copy).
                if (ChunkRows == 0) expectedRows = Math.Max(0, expectedRows - 1 - blankLines);
                (loaders, expectedFields) = MapHeader(reader, decoder, ignoredHeaderColumns, missingHeaderColumns, expectedRows);
                _rejectWriter?.Stream.Write(WithNewline(reader.RawRecord));
                while ((hasRecord = reader.Read()) && reader.IsBlank) blankLines++;
            }
            else
            {
                loaders = _schema.Columns.Select(c => ColumnLoader.Create(c, c.Position, expectedRows, Kept(c))).ToArray();
                expectedFields = _schema.ColumnCount;
            }

            var bySourceField = new ColumnLoader?[Math.Max(expectedFields, 1)];
            foreach (var l in loaders) if (l.SourceField >= 0) bySourceField[l.SourceField] = l;
            var absent = loaders.Where(l => l.SourceField < 0).ToArray();
            // The customer id: unique in a file with a key column; required (never empty) too in one
            // whose rows may repeat it (the relation file), so that no row is silently left out of a join.
            var idColumn = _schema.KeyColumn ?? _schema.Columns.FirstOrDefault(c => c.Role == "id" && c.Type == ColumnType.Text);
            var keyLoader = idColumn is null ? null : loaders[idColumn.Position] as TextLoader;
            // A second pass over chosen lines cannot see repeats among the lines it skips; the first pass did.
            var seenIds = _schema.KeyColumn is null || _options.Lines is not null ? null : new Dictionary<string, int>(expectedRows, StringComparer.Ordinal);
            var lines = new GrowableArray<int>(expectedRows);
            int records = 0;

            for (; hasRecord; hasRecord = reader.Read())
            {
                if (reader.IsBlank)
                {
                    blankLines++;
                    continue;
                }
                records++;
                if ((records & (ProgressEvery - 1)) == 0)
                {
                    _cancel.ThrowIfCancellationRequested();
                    _sink.Progress(new OperationProgress(activity, $"{records:N0} rows read", length > 0 ? (double)reader.BytesConsumed / length : null));
                }

                if (_options.Lines is { } only && !Wanted(only, reader.Line))
                {
                    // Not asked for: skipped unparsed, but a stray quote still ends where the first pass ended it.
                    if (reader.SpansLines && StrayQuote(reader, expectedFields) is not null) reader.ReadFirstLineOnly();
                    continue;
                }
                var problem = StageRow(reader, decoder, expectedFields, bySourceField, out int badField);
                if (problem is null && keyLoader is not null)
                {
                    problem = CheckKey(keyLoader, seenIds, reader.Line, out badField);
                }
                if (problem is { } p)
                {
                    Reject(reader, decoder, p.Reason, p.Expected, badField, bySourceField);
                }
                else
                {
                    foreach (var l in absent) l.StageNull();
                    foreach (var l in loaders) l.Commit();
                    lines.Add(reader.Line);
                    NoteGoodRecord();
                    if (lines.Count == ChunkRows) HandOver(loaders, lines, idColumn);
                }
                if (!_layoutChecked && records >= LayoutCheckRecords) CheckLayout(expectedFields);
            }
            if (!_layoutChecked) CheckLayout(expectedFields);

            if (ChunkRows > 0 && lines.Count > 0) HandOver(loaders, lines, idColumn);
            int rows = _rowsHandedOver + lines.Count;
            var columns = new List<DataColumn>();
            var dropped = new List<string>();
            foreach (var l in loaders)
            {
                if (rows > 0 && l.NonNullCount == 0)
                {
                    dropped.Add(l.Column.Name);
                    _sink.Warning(missingHeaderColumns.Contains(l.Column.Name)
                        ? $"Column '{l.Column.Name}' is not in the header of {_displayName}; it was dropped."
                        : $"Column '{l.Column.Name}' is empty in every row of {_displayName}; it was dropped.");
                    continue;
                }
                // Said whether or not the job keeps the column, and however the file was read.
                if (l is CategoricalLoader { ExtraCategories.Count: > 0 } cat && l.Column.Values.Count > 0)
                {
                    _sink.Warning($"Column '{l.Column.Name}' of {_displayName}: {cat.ExtraCategories.Count} value(s) not in its code table were kept as their own categories (e.g. {string.Join(", ", cat.ExtraCategories.Take(5).Select(v => $"'{v}'"))}).");
                }
                if (!l.Keep || ChunkRows > 0) continue; // read and checked, not needed by the job (or already handed over)
                columns.Add(l.Build());
            }
            foreach (var name in ignoredHeaderColumns)
                _sink.Warning($"Column '{name}' in the header of {_displayName} is not in schema {_schema.Name}; it was ignored.");

            var summary = new LoadSummary(_source, _schema.Name, TextEncodings.NameOf(encoding), detected, hadBom, hadHeader,
                records, rows, new Dictionary<RejectReason, int>(_rejectedByReason), blankLines, dropped, ignoredHeaderColumns, _options.RejectPath, _encodingReason)
            {
                Categories = loaders.OfType<CategoricalLoader>().ToDictionary(l => l.Column.Name, l => l.AllCategories, StringComparer.Ordinal),
            };
            var dataSet = ChunkRows > 0 ? null : new CustomerDataSet(_schema, columns, lines.ToArrayAndClear(), summary);
            if (dataSet is not null) WarnAboutFloatIds(dataSet, idColumn);
            if (_paddedIds > 0)
                _sink.Warning($"{_paddedIds:N0} customer id(s) of {_displayName} have spaces or invisible characters around them (e.g. '{_paddedExample}'): they are kept as written, and compared without them — an id that differs from another only so is a repeat.");
            WarnAboutSplitCharacters(encoding);
            if (rows == 0)
                _sink.Warning(records == 0 ? $"{_displayName} has no data rows." : $"No row of {_displayName} could be loaded; all {records:N0} were rejected.");
            _sink.Verbose($"{_displayName}: {records:N0} rows read, {rows:N0} loaded, {summary.RowsRejected:N0} rejected.");
            _sink.Progress(new OperationProgress(activity, $"{records:N0} rows read", 1.0, Completed: true));
            return (dataSet, summary);
        }

        /// <summary>Chunk mode: the rows committed since the last chunk, as a data set, to the consumer; the loaders start the next chunk.</summary>
        private void HandOver(ColumnLoader[] loaders, GrowableArray<int> lines, SchemaColumn? idColumn)
        {
            // Columns the header lacks are not in any chunk, and each chunk's summary names them as
            // dropped (as a load does); every other kept column is in every chunk.
            var columns = loaders.Where(l => l.Keep && l.SourceField >= 0).Select(l => l.Build(chunk: true, alternate: OverlapChunks)).ToList();
            foreach (var absent in loaders.Where(l => l.Keep && l.SourceField < 0)) absent.Build(chunk: true); // its nulls go, chunk by chunk
            var chunkLines = lines.Lend(OverlapChunks);
            var summary = new LoadSummary(_source, _schema.Name, "", false, false, false, chunkLines.Length, chunkLines.Length,
                new Dictionary<RejectReason, int>(), 0, loaders.Where(l => l.SourceField < 0).Select(l => l.Column.Name).ToList(), [], null);
            var chunk = new CustomerDataSet(_schema, columns, chunkLines, summary);
            if (_rowsHandedOver == 0) WarnAboutFloatIds(chunk, idColumn);
            _rowsHandedOver += chunkLines.Length;
            OnChunk!(chunk);
        }

        /// <summary>Whether <paramref name="line"/> is one of the ascending <paramref name="wanted"/> lines (records arrive in line order).</summary>
        private bool Wanted(IReadOnlyList<int> wanted, int line)
        {
            while (_nextWanted < wanted.Count && wanted[_nextWanted] < line) _nextWanted++;
            return _nextWanted < wanted.Count && wanted[_nextWanted] == line;
        }

        // The tokenizer splits bytes. In GB18030 the second byte of a two-byte character can be any
        // of 0x40-0x7E ('|' is 0x7C) for the characters beyond GB2312 (traditional forms, rare name
        // characters), so such a delimiter splits an unquoted field holding one mid-character. The
        // row then has a field too many and is rejected (never loaded wrong); this says why.
        private void WarnAboutSplitCharacters(Encoding encoding)
        {
            if (!TextEncodings.IsGb18030(encoding) || _options.Delimiter is < '\x40' or > '\x7E') return;
            int suspects = _rejectedByReason.GetValueOrDefault(RejectReason.WrongFieldCount) + _rejectedByReason.GetValueOrDefault(RejectReason.InvalidText);
            if (suspects == 0) return;
            _sink.Warning($"{suspects:N0} row(s) of {_displayName} were rejected for their field count or text, and the file is GB18030 with '{_options.Delimiter}' as delimiter: that byte is also the second half of some Chinese characters, which it splits when the field is not quoted. Export with ',' (DB2's default), ';' or a tab, or quote text fields, or convert the file to UTF-8.");
        }

        private (RejectReason Reason, string Expected)? StageRow(DelimitedRecordReader reader, FieldDecoder decoder, int expectedFields,
            ColumnLoader?[] bySourceField, out int badField)
        {
            badField = -1;
            if (reader.Malformed) return (RejectReason.MalformedQuotes, "a quoted field closed by a quote followed by a delimiter or line end");
            if (reader.SpansLines && StrayQuote(reader, expectedFields) is { } stray)
            {
                reader.ReadFirstLineOnly();
                return (RejectReason.MalformedQuotes, stray);
            }
            if (reader.FieldCount != expectedFields) return (RejectReason.WrongFieldCount, $"{expectedFields} fields");
            for (int f = 0; f < expectedFields; f++)
            {
                var loader = bySourceField[f];
                if (loader is null) continue;
                var problem = loader.Stage(reader.Field(f), decoder);
                if (problem is not null)
                {
                    badField = f;
                    return problem;
                }
            }
            return null;
        }

        /// <summary>
        /// A quoted field ran over line ends. If the record came out the wrong size, or took in a line
        /// that is a whole row by itself, the quote that opened it was stray: only its own line is
        /// rejected, and the lines it took in are read again as rows. Returns what was expected, or null.
        /// </summary>
        private static string? StrayQuote(DelimitedRecordReader reader, int expectedFields)
        {
            int fields = reader.FieldCount, line = reader.Line;
            int inner = fields == expectedFields ? reader.FindInnerRecord(expectedFields) : 0;
            if (fields == expectedFields && inner == 0) return null;
            return fields != expectedFields
                ? $"a quoted field closed on its own line (read on over line ends, line {line} gave {fields} fields, not {expectedFields})"
                : $"a quoted field closed on its own line (read on over line ends, line {line} took in line {inner}, a whole row)";
        }

        private (RejectReason, string)? CheckKey(TextLoader key, Dictionary<string, int>? seen, int line, out int badField)
        {
            badField = key.SourceField;
            string? id = key.StagedValue;
            string comparable = id is null ? "" : CustomerIds.Comparable(id);
            if (comparable.Length == 0) return (RejectReason.MissingId, "a customer id");
            if (CustomerIds.FirstInvisible(comparable) is var hidden and >= 0)
                return (RejectReason.ControlCharacter, $"a customer id without invisible characters (it holds {TextRules.Describe(comparable[hidden])})");
            if (comparable.Length != id!.Length && _paddedIds++ == 0) _paddedExample = id;
            // Ids are kept as written, but compared without what surrounds them: "123 " repeats "123".
            if (seen is null || seen.TryAdd(comparable, line) || _options.DuplicateIds == DuplicateIdPolicy.Keep)
            {
                badField = -1;
                return null;
            }
            return (RejectReason.DuplicateId, $"line {seen[comparable]}");
        }

        private void Reject(DelimitedRecordReader reader, FieldDecoder decoder, RejectReason reason, string expected, int field, ColumnLoader?[] bySourceField)
        {
            string message;
            string? columnName = null;
            string? value;
            int? columnNumber = null;
            string where = $"{_displayName}, line {reader.Line}";
            if (reason is RejectReason.WrongFieldCount)
            {
                value = reader.FieldCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                message = $"{where}: {reader.FieldCount} fields, expected {expected}.";
            }
            else if (reason is RejectReason.MalformedQuotes)
            {
                value = null;
                message = $"{where}: broken quoting; expected {expected}.";
            }
            else
            {
                columnNumber = field + 1;
                columnName = bySourceField[field]?.Column.Name;
                value = Shorten(decoder.Show(reader.Field(field)));
                message = reason switch
                {
                    RejectReason.MissingId => $"{where}, column {columnNumber} ({columnName}): the customer id is empty.",
                    RejectReason.DuplicateId => $"{where}, column {columnNumber} ({columnName}): customer id '{value}' already appeared on {expected}; the first row is kept (-DuplicateId Keep, --duplicate_ids keep, keeps both).",
                    _ => $"{where}, column {columnNumber} ({columnName}): '{value}' is not valid; expected {expected}.",
                };
            }
            var rejection = new RowRejection(_source, reader.Line, columnName, columnNumber, value, reason, message);
            _rejectedByReason[reason] = _rejectedByReason.GetValueOrDefault(reason) + 1;
            if (reason == RejectReason.WrongFieldCount)
            {
                if (_wrongCountSeen == -1) _wrongCountSeen = reader.FieldCount;
                else if (_wrongCountSeen != reader.FieldCount) _allWrongCount = false;
            }
            else
            {
                _allWrongCount = false;
            }
            var raw = WithNewline(reader.RawRecord);
            if (_layoutChecked) Emit(rejection, raw);
            else _pending.Add((rejection, raw));
        }

        private void NoteGoodRecord()
        {
            _allWrongCount = false;
            _sawGoodRecord = true;
        }

        /// <summary>
        /// If the first records all have the same wrong number of fields, the file is not of this
        /// schema at all: say so once instead of rejecting every row.
        /// </summary>
        private void CheckLayout(int expectedFields)
        {
            _layoutChecked = true;
            // Nothing good yet, and the lines split into the schema's columns at another delimiter:
            // the file is fine, the delimiter is not (a ';'-file otherwise shows as broken quoting).
            if (!_sawGoodRecord && _pending.Count > 0
                && _pending.All(p => p.Rejection.Reason is RejectReason.WrongFieldCount or RejectReason.MalformedQuotes)
                && DelimiterHint.Guess(_pending[0].Raw, expectedFields, _options.Delimiter) is { } other)
            {
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"{_displayName} does not split into the {expectedFields} columns of schema {_schema.Name} at {DelimiterHint.Show(_options.Delimiter)}, but its lines do at {DelimiterHint.Show(other)}: read it with that delimiter (-Delimiter in PowerShell, --delimiter in the runner).",
                    _source);
            }
            if (_pending.Count > 0 && _allWrongCount && _pending.Count == _pending.Count(p => p.Rejection.Reason == RejectReason.WrongFieldCount))
            {
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"{_displayName} has {_wrongCountSeen} fields per line but schema {_schema.Name} has {expectedFields} columns. Is this the right file for this job, or does it need its own schema (-Schema path/to/schema.json)?",
                    _source);
            }
            foreach (var (rejection, raw) in _pending) Emit(rejection, raw);
            _pending.Clear();
        }

        private void Emit(RowRejection rejection, byte[] raw)
        {
            _sink.Error(new BankInsightError(ErrorIds.RowRejected, ErrorKind.InvalidData, rejection.Message, rejection));
            _rejectWriter?.Stream.Write(raw);
        }

        private bool IsHeader(DelimitedRecordReader reader, FieldDecoder decoder)
        {
            switch (_options.Header)
            {
                case HeaderMode.Absent:
                    return false;
                case HeaderMode.Present:
                    return true;
            }
            int matches = 0;
            for (int f = 0; f < reader.FieldCount; f++)
            {
                string? name = decoder.TryDecode(reader.Field(f));
                if (name is not null && FindColumn(name) is not null) matches++;
            }
            return matches * 2 >= reader.FieldCount && matches > 0;
        }

        private SchemaColumn? FindColumn(string headerName)
        {
            var exact = _schema.Find(headerName);
            if (exact is not null) return exact;
            // Dictionary names sometimes carry trailing spaces ('本月网银跨行转账转出金额 '); spreadsheets drop them.
            string trimmed = headerName.Trim();
            return _schema.Columns.FirstOrDefault(c => c.Name.Trim() == trimmed);
        }

        // The id is always kept: every result names its customer by it.
        private bool Kept(SchemaColumn column) =>
            _options.Columns is not { } keep || keep.Contains(column.Name) || _schema.KeyColumn?.Name == column.Name;

        private (ColumnLoader[] Loaders, int FieldCount) MapHeader(DelimitedRecordReader reader, FieldDecoder decoder,
            List<string> ignored, List<string> missing, int expectedRows)
        {
            var sourceOf = new int[_schema.ColumnCount];
            Array.Fill(sourceOf, -1);
            for (int f = 0; f < reader.FieldCount; f++)
            {
                string name = decoder.TryDecode(reader.Field(f)) ?? decoder.Show(reader.Field(f));
                var column = FindColumn(name);
                if (column is null)
                {
                    ignored.Add(name);
                    continue;
                }
                if (sourceOf[column.Position] >= 0)
                    throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                        $"The header of {_displayName} names column '{column.Name}' twice (fields {sourceOf[column.Position] + 1} and {f + 1}).", _source);
                sourceOf[column.Position] = f;
            }
            if (_schema.KeyColumn is { } key && sourceOf[key.Position] < 0)
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"The header of {_displayName} has no '{key.Name}' column, which schema {_schema.Name} needs as the customer id.", _source);
            foreach (var c in _schema.Columns)
                if (sourceOf[c.Position] < 0) missing.Add(c.Name);
            var loaders = _schema.Columns.Select(c => ColumnLoader.Create(c, sourceOf[c.Position], expectedRows, Kept(c))).ToArray();
            _sink.Verbose($"{_displayName} has a header row: {reader.FieldCount - ignored.Count} of {reader.FieldCount} columns matched schema {_schema.Name}.");
            return (loaders, reader.FieldCount);
        }

        private void WarnAboutFloatIds(CustomerDataSet dataSet, SchemaColumn? idColumn)
        {
            if (idColumn is null || dataSet.Find(idColumn.Name) is not TextColumn ids || ids.Length == 0) return;
            int sample = Math.Min(ids.Length, 1000), floaty = 0;
            for (int i = 0; i < sample; i++)
            {
                string? id = ids[i];
                if (id is not null && CustomerIds.LooksLikeFloat(id)) floaty++;
            }
            if (floaty * 2 > sample)
                _sink.Warning($"Customer ids in {_displayName} look like floating-point renderings (e.g. '{ids[0]}'): the exporting system may have rounded them, so different customers can share an id. Export ids as text.");
        }

        /// <summary>
        /// BOM first (UTF-8 or GB18030; UTF-16 is refused), then the encoding given, then
        /// detection: the whole stream must be valid UTF-8 to be read as UTF-8 (only the first
        /// megabyte can be checked on a stream that cannot seek back). A seekable stream is also
        /// scanned for its line count, so the columns can be allocated at their final size.
        /// </summary>
        /// <summary>Why the encoding was chosen (for the summary and -Verbose).</summary>
        private string _encodingReason = "";

        /// <summary>What ops should hear about the encoding evidence (a few invalid lines, a mixed file), or null.</summary>
        private string? _encodingWarning;

        private (Encoding Encoding, bool Detected, byte[]? Bom, int ExpectedRows) ChooseEncoding(DelimitedRecordReader reader, long start)
        {
            const int UnknownRows = 1 << 12;
            byte[]? bom;
            if (_stream.CanSeek)
            {
                Span<byte> head = stackalloc byte[4];
                int n = _stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
                _stream.Position = start;
                bom = DetectBom(head[..n]);
            }
            else
            {
                bom = DetectBom(reader.Peek(4));
            }
            Encoding? chosen = bom == Utf8Bom ? TextEncodings.Utf8 : bom == Gb18030Bom ? TextEncodings.Gb18030 : _options.Encoding;
            if (bom == Utf8Bom && _options.Encoding is { } given && TextEncodings.IsGb18030(given))
                _sink.Warning($"{_displayName} starts with a UTF-8 byte order mark; reading it as UTF-8 rather than the requested GB18030.");
            _encodingReason = bom is not null ? "its byte order mark" : chosen is not null ? "as given" : "";
            if (!_stream.CanSeek)
            {
                if (chosen is not null) return (chosen, false, bom, UnknownRows);
                // A stream read once: the first megabyte is all the evidence there is.
                var prefix = reader.Peek(1 << 20);
                var (sampleNonAscii, sampleInvalid) = TextEncodings.CountLines(prefix, complete: prefix.Length < (1 << 20));
                (var sampled, _encodingReason, _encodingWarning) = TextEncodings.ChooseByEvidence(sampleNonAscii, sampleInvalid, "its first megabyte");
                return (sampled, true, bom, UnknownRows);
            }
            // A chunked read with its encoding known (a later pass over a file already read) has nothing
            // to learn from a scan: chunks are sized by themselves, not by the file's line count.
            if (chosen is not null && ChunkRows > 0) return (chosen, false, bom, ChunkRows);
            var (valid, lines) = TextEncodings.Scan(_stream, checkUtf8: chosen is null, _cancel);
            _stream.Position = start;
            int expected = (int)Math.Min(int.MaxValue - 1, lines);
            if (chosen is not null) return (chosen, false, bom, expected);
            if (valid)
            {
                _encodingReason = "every byte is valid UTF-8";
                return (TextEncodings.Utf8, true, bom, expected);
            }
            // Not valid UTF-8 throughout: one stray byte must not decide the file's encoding, so weigh
            // the lines (a second pass, for such files only).
            var (nonAscii, invalid) = TextEncodings.CountLines(_stream, _cancel);
            _stream.Position = start;
            (var weighed, _encodingReason, _encodingWarning) = TextEncodings.ChooseByEvidence(nonAscii, invalid, "the file");
            return (weighed, true, bom, expected);
        }

        private byte[]? DetectBom(ReadOnlySpan<byte> head)
        {
            // UTF-32's byte order marks start like UTF-16's (FF FE 00 00): test them first.
            string? wide = head switch
            {
                [0xFF, 0xFE, 0x00, 0x00, ..] or [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32",
                [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => "UTF-16",
                _ => null,
            };
            if (wide is not null)
                throw new BankInsightException(ErrorIds.EncodingUnsupported, ErrorKind.InvalidData,
                    $"{_displayName} is {wide} encoded. Export it as UTF-8 or GB18030.", _source);
            if (head.StartsWith(Utf8Bom)) return Utf8Bom;
            if (head.StartsWith(Gb18030Bom)) return Gb18030Bom;
            return null;
        }

        private static Encoding LenientOf(Encoding strict) =>
            TextEncodings.IsGb18030(strict)
                ? CodePagesEncodingProvider.Instance.GetEncoding(54936)!
                : new UTF8Encoding(false, false);

        private static byte[] WithNewline(ReadOnlySpan<byte> raw)
        {
            if (raw.Length > 0 && raw[^1] == (byte)'\n') return raw.ToArray();
            var copy = new byte[raw.Length + 1];
            raw.CopyTo(copy);
            copy[^1] = (byte)'\n';
            return copy;
        }

        // Messages show a bad value as people can read it: control characters as \uXXXX, at most 80 characters.
        private static string Shorten(string value)
        {
            string visible = TextRules.Visible(value);
            return visible.Length <= 80 ? visible : visible[..77] + "…";
        }
    }
}

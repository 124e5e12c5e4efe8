using BankInsight.Common;
namespace BankInsight.Data.Reading;

/// <summary>What happened while loading one file. Part of every <see cref="CustomerDataSet"/>.</summary>
public sealed class LoadSummary
{
    internal LoadSummary(string source, string schemaName, string encodingName, bool encodingDetected, bool hadByteOrderMark,
        bool hadHeader, int recordsRead, int rowsLoaded, IReadOnlyDictionary<RejectReason, int> rejectedByReason,
        int blankLines, IReadOnlyList<string> droppedColumns, IReadOnlyList<string> ignoredHeaderColumns, string? rejectPath, string encodingReason = "")
    {
        EncodingReason = encodingReason;
        Source = source;
        SchemaName = schemaName;
        EncodingName = encodingName;
        EncodingDetected = encodingDetected;
        HadByteOrderMark = hadByteOrderMark;
        HadHeader = hadHeader;
        RecordsRead = recordsRead;
        RowsLoaded = rowsLoaded;
        RejectedByReason = rejectedByReason.ToTextMap();
        BlankLines = blankLines;
        DroppedColumns = droppedColumns.ToTextList();
        IgnoredHeaderColumns = ignoredHeaderColumns.ToTextList();
        RejectPath = rejectPath;
    }

    /// <summary>File path or stream name.</summary>
    public string Source { get; }

    /// <summary>Schema used.</summary>
    public string SchemaName { get; }

    /// <summary>Encoding used ("utf-8" or "gb18030").</summary>
    public string EncodingName { get; }

    /// <summary>Why that encoding: "every byte is valid UTF-8", "GB18030: 1,995 of the 2,000 lines … are not valid UTF-8", "as given", "its byte order mark".</summary>
    public string EncodingReason { get; }

    /// <summary>True when the encoding was detected rather than given.</summary>
    public bool EncodingDetected { get; }

    /// <summary>True when the file started with a byte order mark.</summary>
    public bool HadByteOrderMark { get; }

    /// <summary>True when the first line was a header row.</summary>
    public bool HadHeader { get; }

    /// <summary>Data records read (header and blank lines not counted).</summary>
    public int RecordsRead { get; }

    /// <summary>Rows kept.</summary>
    public int RowsLoaded { get; }

    /// <summary>Rows rejected.</summary>
    public int RowsRejected => RejectedByReason.Values.Sum();

    /// <summary>Rejected rows per reason (reasons with no rows are absent).</summary>
    public IReadOnlyDictionary<RejectReason, int> RejectedByReason { get; }

    /// <summary>Blank lines skipped (they hold no data).</summary>
    public int BlankLines { get; }

    /// <summary>Schema columns dropped (empty in every row, or absent from the header).</summary>
    public IReadOnlyList<string> DroppedColumns { get; }

    /// <summary>Header columns that are not in the schema and were ignored.</summary>
    public IReadOnlyList<string> IgnoredHeaderColumns { get; }

    /// <summary>Where rejected lines were written, or null.</summary>
    public string? RejectPath { get; }

    /// <summary>
    /// Each categorical column's categories at the end of the file (the schema's values, then values
    /// first seen in the file): what a column loaded whole would list, for data sets put together from
    /// a later pass over some of the rows. Empty for a chunk's own summary.
    /// </summary>
    internal IReadOnlyDictionary<string, string[]> Categories { get; init; } = new Dictionary<string, string[]>();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Source}: {RecordsRead:N0} rows read, {RowsLoaded:N0} loaded, {RowsRejected:N0} rejected";
}

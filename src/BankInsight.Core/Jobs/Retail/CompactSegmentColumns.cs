using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// The segmentation columns of every customer, collected chunk by chunk as <see cref="CompactNumbers"/>
/// (4 bytes a value where that is exact), for training a segmentation on a file that is never loaded
/// whole. Each column is turned back into doubles one at a time when fitting asks for it.
/// </summary>
internal sealed class CompactSegmentColumns(BankSchema schema, string source) : SegmentFeatures.ISegmentColumns
{
    private readonly Dictionary<string, CompactNumbers> _columns = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _empty = new HashSet<string>();
    private double[]? _buffer; // one column at a time: fitting and applying read each column once, in turn

    public string SchemaName => schema.Name;

    public string Source => source;

    public int RowCount { get; private set; }

    /// <summary>Adds one chunk's values of every segmentation column it has.</summary>
    public void Add(CustomerDataSet chunk)
    {
        foreach (var name in schema.SegmentationColumns)
        {
            if (chunk.Find(name) is not { } column) continue;
            if (!_columns.TryGetValue(name, out var compact)) _columns[name] = compact = new CompactNumbers();
            compact.Add(SegmentFeatures.Raw(column, source));
        }
    }

    /// <summary>After the last chunk: the columns empty in every row of the file (the summary's dropped ones) count as absent, as in a loaded file.</summary>
    public void Finish(IReadOnlyList<string> dropped, int rows)
    {
        _empty = dropped.ToHashSet(StringComparer.Ordinal);
        RowCount = rows;
    }

    /// <summary>The column's values, in a buffer the next call overwrites (the segmentation reads one column at a time).</summary>
    public ReadOnlyMemory<double>? Raw(string name)
    {
        if (_empty.Contains(name) || !_columns.TryGetValue(name, out var compact)) return null;
        _buffer ??= new double[RowCount];
        compact.CopyTo(_buffer);
        if (_lastRead) _columns.Remove(name);
        return _buffer;
    }

    private bool _lastRead;

    /// <summary>
    /// From here on each column is read for the last time (making the points): it goes as soon as it is
    /// read, so the points grow as the columns shrink — at ten million customers, 1.1 GB less at the peak.
    /// </summary>
    public void ReadEachOnceMore() => _lastRead = true;

    /// <summary>Lets go of the values (the points are made; k-means wants the memory).</summary>
    public void Release()
    {
        _columns.Clear();
        _buffer = null;
    }

    public bool IsCategorical(string name) => schema.Find(name)?.Type == ColumnType.Categorical;
}

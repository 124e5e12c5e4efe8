using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Data;

/// <summary>
/// A loaded input file held in columns (one array per column, never one object per row),
/// the object every job takes. Immutable once loaded.
/// </summary>
public sealed class CustomerDataSet
{
    private readonly Dictionary<string, DataColumn> _byName;

    internal CustomerDataSet(BankSchema schema, IReadOnlyList<DataColumn> columns, int[] sourceLines, LoadSummary summary)
    {
        Schema = schema;
        Columns = columns.ToTextList();
        SourceLines = sourceLines;
        Summary = summary;
        RowCount = sourceLines.Length;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The schema the file was read with.</summary>
    public BankSchema Schema { get; }

    /// <summary>Schema name, for display.</summary>
    public string SchemaName => Schema.Name;

    /// <summary>Number of rows loaded (rejected rows are not here).</summary>
    public int RowCount { get; }

    /// <summary>Loaded columns in schema order; columns empty in every row are not here (see <see cref="DroppedColumns"/>).</summary>
    public IReadOnlyList<DataColumn> Columns { get; }

    /// <summary>Number of loaded columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>Rows of the file that were rejected (see <see cref="Summary"/> for the reasons).</summary>
    public int RowsRejected => Summary.RowsRejected;

    /// <summary>Schema columns dropped because they were empty in every row or absent from the header.</summary>
    public IReadOnlyList<string> DroppedColumns => Summary.DroppedColumns;

    /// <summary>For each row, the line of the file it started on (1-based), so later steps can point at it.</summary>
    internal int[] SourceLines { get; }

    /// <summary>Line in the source file where row <paramref name="row"/> started.</summary>
    public int GetSourceLine(int row) => SourceLines[row];

    /// <summary>What happened while loading: counts, rejections by reason, encoding.</summary>
    public LoadSummary Summary { get; }

    /// <summary>The file (or stream name) the data came from.</summary>
    public string Source => Summary.Source;

    /// <summary>The key column's values (customer ids), or null when the schema has no key.</summary>
    public TextColumn? Ids => Schema.KeyColumn is { } key ? (TextColumn?)Find(key.Name) : null;

    /// <summary>The customer name column (the schema column with role "name"), or null.</summary>
    public TextColumn? Names => Schema.Columns.FirstOrDefault(c => c.Role == "name") is { } name ? Find(name.Name) as TextColumn : null;

    /// <summary>The column named <paramref name="name"/>, or null when absent or dropped.</summary>
    public DataColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when the column was loaded (present and not dropped).</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The column named <paramref name="name"/>; a clear error when absent or dropped.</summary>
    public DataColumn this[string name] => Find(name) ?? throw new KeyNotFoundException(
        DroppedColumns.Contains(name)
            ? $"Column '{name}' of {Source} was dropped because it was empty in every row."
            : $"{Source} has no column '{name}' (schema {Schema.Name}).");

    /// <inheritdoc />
    public override string ToString() => $"{Schema.Name}: {RowCount:N0} rows × {Columns.Count} columns from {Source}";
}

using BankInsight.Data.Schemas;

namespace BankInsight.Data.Columns;

/// <summary>
/// One column of a <see cref="CustomerDataSet"/>: an array of values per row in file order.
/// Subclasses hold the typed array; this base answers the questions every consumer asks.
/// </summary>
public abstract class DataColumn
{
    private protected DataColumn(SchemaColumn definition, int length, NullMask nulls)
    {
        Definition = definition;
        Length = length;
        Nulls = nulls;
    }

    /// <summary>The schema column this data came from.</summary>
    public SchemaColumn Definition { get; }

    /// <summary>Column name.</summary>
    public string Name => Definition.Name;

    /// <summary>Column type.</summary>
    public ColumnType Type => Definition.Type;

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Which rows are missing.</summary>
    public NullMask Nulls { get; }

    /// <summary>Number of missing values.</summary>
    public int NullCount => Nulls.NullCount;

    /// <summary>True when row <paramref name="row"/> is missing.</summary>
    public bool IsNull(int row) => Nulls.IsNull(row);

    /// <summary>
    /// The value of one row as a plain object: string (text, category), double (numbers),
    /// <see cref="DateOnly"/> (dates) or null. For display and row expansion, not for hot loops.
    /// </summary>
    public abstract object? GetValue(int row);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type}, {Length:N0} rows, {NullCount:N0} missing)";
}

/// <summary>Number, Integer and Flag columns: doubles, NaN where missing.</summary>
public sealed class NumericColumn : DataColumn
{
    internal NumericColumn(SchemaColumn definition, double[] values, NullMask nulls)
        : base(definition, values.Length, nulls) => Data = values;

    internal double[] Data { get; }

    /// <summary>Values in row order; missing rows hold NaN (and are set in <see cref="DataColumn.Nulls"/>).</summary>
    public ReadOnlySpan<double> Values => Data;

    /// <summary>Value of one row (NaN when missing).</summary>
    public double this[int row] => Data[row];

    /// <inheritdoc />
    public override object? GetValue(int row) => IsNull(row) ? null : Data[row];
}

/// <summary>Categorical columns: an index into <see cref="Categories"/> per row, -1 where missing.</summary>
public sealed class CategoricalColumn : DataColumn
{
    internal CategoricalColumn(SchemaColumn definition, int[] codes, IReadOnlyList<string> categories, NullMask nulls)
        : base(definition, codes.Length, nulls)
    {
        Data = codes;
        Categories = categories;
    }

    internal int[] Data { get; }

    /// <summary>Category index per row (the position in <see cref="Categories"/>), -1 where missing.</summary>
    public ReadOnlySpan<int> Codes => Data;

    /// <summary>
    /// The schema's value list followed, for open columns, by the values first seen in this
    /// file (in order of first appearance).
    /// </summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Category label of one row, or null.</summary>
    public string? this[int row] => Data[row] < 0 ? null : Categories[Data[row]];

    /// <inheritdoc />
    public override object? GetValue(int row) => this[row];
}

/// <summary>Date columns: <see cref="DateOnly.DayNumber"/> per row, <see cref="Missing"/> where missing.</summary>
public sealed class DateColumn : DataColumn
{
    /// <summary>Day number stored for a missing date.</summary>
    public const int Missing = int.MinValue;

    internal DateColumn(SchemaColumn definition, int[] dayNumbers, NullMask nulls)
        : base(definition, dayNumbers.Length, nulls) => Data = dayNumbers;

    internal int[] Data { get; }

    /// <summary>Day numbers (days since 0001-01-01) in row order.</summary>
    public ReadOnlySpan<int> DayNumbers => Data;

    /// <summary>Date of one row, or null.</summary>
    public DateOnly? this[int row] => Data[row] == Missing ? null : DateOnly.FromDayNumber(Data[row]);

    /// <inheritdoc />
    public override object? GetValue(int row) => this[row];
}

/// <summary>Text columns (ids, names, addresses): strings exactly as written; null for an empty unquoted field.</summary>
public sealed class TextColumn : DataColumn
{
    internal TextColumn(SchemaColumn definition, string?[] values, NullMask nulls)
        : base(definition, values.Length, nulls) => Data = values;

    internal string?[] Data { get; }

    /// <summary>Values in row order.</summary>
    public IReadOnlyList<string?> Values => Data;

    /// <summary>Value of one row.</summary>
    public string? this[int row] => Data[row];

    /// <inheritdoc />
    public override object? GetValue(int row) => Data[row];
}

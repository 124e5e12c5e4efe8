using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// One row of values being made, addressed by schema position. A story fills it; the
/// <see cref="DelRowWriter"/> writes it according to each column's type. Unset means null.
/// </summary>
internal sealed class SyntheticRow
{
    private readonly double[] _numbers;
    private readonly string?[] _texts;

    public SyntheticRow(BankSchema schema)
    {
        Schema = schema;
        _numbers = new double[schema.ColumnCount];
        _texts = new string?[schema.ColumnCount];
        Clear();
    }

    public BankSchema Schema { get; }

    public void Clear()
    {
        Array.Fill(_numbers, double.NaN);
        Array.Clear(_texts);
    }

    /// <summary>Numbers, integers, flags; and dates as yyyyMMdd.</summary>
    public void Set(int column, double value) => _numbers[column] = value;

    public void SetText(int column, string? value) => _texts[column] = value;

    public void SetDate(int column, DateOnly? date) =>
        _numbers[column] = date is { } d ? d.Year * 10000 + d.Month * 100 + d.Day : double.NaN;

    public double Number(int column) => _numbers[column];

    public string? Text(int column) => _texts[column];
}

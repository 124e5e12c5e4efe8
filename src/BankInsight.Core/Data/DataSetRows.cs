namespace BankInsight.Data;

/// <summary>Expands a data set into rows of (column, value) pairs, for -AsRecord and small ad-hoc use.</summary>
public static class DataSetRows
{
    /// <summary>
    /// One list per row, columns in schema order; values as <see cref="Columns.DataColumn.GetValue"/>
    /// gives them (string, double, DateOnly or null). Dropped columns are left out.
    /// </summary>
    public static IEnumerable<IReadOnlyList<KeyValuePair<string, object?>>> Enumerate(CustomerDataSet data)
    {
        var columns = data.Columns;
        for (int row = 0; row < data.RowCount; row++)
        {
            var values = new KeyValuePair<string, object?>[columns.Count];
            for (int c = 0; c < columns.Count; c++) values[c] = new(columns[c].Name, columns[c].GetValue(row));
            yield return values;
        }
    }
}

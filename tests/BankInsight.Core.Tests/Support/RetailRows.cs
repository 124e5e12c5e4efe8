using System.Text;
using BankInsight.Data;
using BankInsight.Data.Schemas;

namespace BankInsight.Tests.Support;

/// <summary>Retail .del text written column by column, every unnamed column empty — hand-made cases that read plainly.</summary>
public static class RetailRows
{
    public static BankSchema Schema => BuiltInSchemas.Get(BuiltInSchemas.Retail);

    /// <summary>One line per row; text columns quoted, the rest bare.</summary>
    public static string Text(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', Schema.Columns.Select(c => row.TryGetValue(c.Name, out var v) ? (c.Type == ColumnType.Text ? $"\"{v}\"" : v) : ""));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Loads the rows; id defaults to "c1", "c2", … in order.</summary>
    public static CustomerDataSet Load(IEnumerable<IReadOnlyDictionary<string, string>> rows, CollectingSink? sink = null) =>
        TestFiles.LoadText(Text(rows.Select((r, i) => r.ContainsKey("客户编号") ? r : new Dictionary<string, string>(r) { ["客户编号"] = $"c{i + 1}" })),
            Schema, sink ?? new CollectingSink(), header: Data.Reading.HeaderMode.Absent, name: "retail.del");

    /// <summary>A row holding the products whose balance columns are given (value 100), plus extra columns.</summary>
    public static Dictionary<string, string> Holding(params string[] balanceColumns)
    {
        var row = new Dictionary<string, string>();
        foreach (var b in balanceColumns) row[b] = "100";
        return row;
    }
}

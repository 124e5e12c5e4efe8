using System.Text;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

/// <summary>
/// Loading only the columns a job reads: the others are still parsed and checked, so the same rows
/// are rejected for the same reasons and the same empty columns are reported; only memory changes.
/// </summary>
public class KeptColumnTests
{
    private static (CustomerDataSet Data, CollectingSink Sink) Load(byte[] bytes, IReadOnlySet<string>? columns)
    {
        var sink = new CollectingSink();
        var options = new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.Retail)) { Columns = columns };
        return (CustomerDataLoader.Load(new MemoryStream(bytes), "retail.del", options, sink), sink);
    }

    private static byte[] Retail(int rows, int seed)
    {
        using var stream = new MemoryStream();
        SyntheticDataGenerator.Generate(new SyntheticDataRequest(BuiltInSchemas.Retail, rows) { Seed = seed }, stream, NullSink.Instance);
        return stream.ToArray();
    }

    [Fact]
    public void Only_the_columns_asked_for_are_kept_with_the_same_values_and_the_same_rows()
    {
        var bytes = Retail(2000, 4);
        // Break three rows in columns the job does not keep: they must still be rejected.
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var schema = BuiltInSchemas.Get(BuiltInSchemas.Retail);
        int age = schema.Columns.First(c => c.Name == "年龄").Position;
        foreach (int row in new[] { 5, 100, 1500 })
        {
            var fields = lines[row].Split(',');
            fields[age] = "abc";
            lines[row] = string.Join(',', fields);
        }
        bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

        var segments = SegmentationModel.LoadShipped();
        var keep = RetailColumns.ForHoldings(schema, null);
        Assert.DoesNotContain("年龄", keep);
        var (all, allSink) = Load(bytes, null);
        var (some, someSink) = Load(bytes, keep);
        Assert.Equal(3, all.Summary.RowsRejected);
        Assert.Equal(all.Summary.RowsRejected, some.Summary.RowsRejected);
        Assert.Equal(all.Summary.RejectedByReason, some.Summary.RejectedByReason);
        Assert.Equal(all.Summary.DroppedColumns, some.Summary.DroppedColumns);
        Assert.Equal(all.RowCount, some.RowCount);
        Assert.Equal(Enumerable.Range(0, all.RowCount).Select(all.GetSourceLine), Enumerable.Range(0, some.RowCount).Select(some.GetSourceLine));
        Assert.Equal(allSink.Errors.Select(e => e.Message), someSink.Errors.Select(e => e.Message));
        Assert.Equal(3, someSink.Errors.Count);
        // Kept: the product balances, and the id always; the name only when asked for.
        Assert.Equal(keep.Count(all.Contains) + 1, some.ColumnCount);
        Assert.Equal(all.Ids!.Values, some.Ids!.Values);
        Assert.Null(some.Names);
        var named = Load(bytes, new HashSet<string>(keep) { "客户名称" }).Data;
        Assert.Equal(all.Names!.Values, named.Names!.Values);
        foreach (var name in keep.Where(all.Contains))
            Assert.Equal(((NumericColumn)all[name]).Values.ToArray(), ((NumericColumn)some[name]).Values.ToArray());
        Assert.False(some.Contains("年龄"));
        // The jobs see the same holdings.
        Assert.Equal(ProductHoldings.FromData(all, NullSink.Instance).Masks, ProductHoldings.FromData(some, NullSink.Instance).Masks);
        Assert.Equal(segments.Assign(all, NullSink.Instance).Item1, segments.Assign(Load(bytes, RetailColumns.ForSegments(segments)).Data, NullSink.Instance).Item1);
    }

    [Fact]
    public void An_empty_set_keeps_only_the_id_and_still_reports_every_empty_column()
    {
        var bytes = Retail(500, 6);
        var (all, allSink) = Load(bytes, null);
        var (none, noneSink) = Load(bytes, new HashSet<string>());
        Assert.Equal(["客户编号"], none.Columns.Select(c => c.Name));
        Assert.Equal(all.Summary.DroppedColumns, none.Summary.DroppedColumns);
        Assert.Equal(allSink.Warnings.Where(w => w.Contains("it was dropped")), noneSink.Warnings.Where(w => w.Contains("it was dropped")));
    }
}

using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

public class RecordTableTests
{
    private static IReadOnlyList<KeyValuePair<string, object?>> Row(params (string Name, object? Value)[] values) =>
        values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)).ToArray();

    [Fact]
    public void Rows_bind_by_name_whatever_their_order_and_types()
    {
        var sink = new CollectingSink();
        var data = RecordTable.Load([
            Row(("amount", "1234.5"), ("id", "00123"), ("count", 3), ("flag", true), ("size", "大"), ("day", new DateTime(2026, 10, 31)), ("name", "A \"quoted\", name")),
            Row(("id", "b"), ("amount", 2.5), ("count", "4"), ("flag", "0"), ("size", null), ("day", new DateOnly(2026, 1, 2))),
        ], TestSchemas.Small, "rows", sink);
        Assert.Empty(sink.Errors);
        Assert.Equal(["00123", "b"], ((TextColumn)data["id"]).Values);
        Assert.Equal("A \"quoted\", name", ((TextColumn)data["name"])[0]);
        Assert.Equal(1234.5, ((NumericColumn)data["amount"])[0]);
        Assert.Equal(2.5, ((NumericColumn)data["amount"])[1]);
        Assert.Equal([3.0, 4.0], ((NumericColumn)data["count"]).Values.ToArray());
        Assert.Equal([1.0, 0.0], ((NumericColumn)data["flag"]).Values.ToArray());
        Assert.Equal("大", ((CategoricalColumn)data["size"])[0]);
        Assert.Null(((CategoricalColumn)data["size"])[1]);
        Assert.Equal(new DateOnly(2026, 10, 31), ((DateColumn)data["day"])[0]);
    }

    [Fact]
    public void A_bad_value_rejects_its_row_naming_the_line_after_the_header()
    {
        var sink = new CollectingSink();
        var data = RecordTable.Load([Row(("id", "a"), ("count", "2")), Row(("id", "b"), ("count", "two"))], TestSchemas.Small, "rows", sink);
        Assert.Equal(1, data.RowCount);
        var rejected = Assert.Single(sink.Rejections);
        Assert.Equal(3, rejected.Line);
        Assert.Equal("two", rejected.Value);
    }

    [Fact]
    public void No_rows_is_a_clear_error()
    {
        var e = Assert.Throws<BankInsightException>(() => RecordTable.Load([], TestSchemas.Small, "pipeline input", NullSink.Instance));
        Assert.Contains("pipeline input: no records", e.Message);
    }
}

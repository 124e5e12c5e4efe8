using System.Text;
using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

public class LoaderTests
{
    private static BankSchema Small => TestSchemas.Small;

    private const string GoodRow1 = "\"c1\",\"甲公司\",1234.5,3,1,\"1\",\"a\",20240131\n";
    private const string GoodRow2 = "\"c2\",\"乙 \"\"quoted\"\" 公司\",,4.0,0,\"小\",\"z\",\n";

    [Fact]
    public void Converts_every_type_into_its_column()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(GoodRow1 + GoodRow2, Small, sink);

        Assert.Equal(2, data.RowCount);
        Assert.Empty(sink.Errors);
        Assert.Equal(["c1", "c2"], data.Ids!.Values);
        Assert.Equal("乙 \"quoted\" 公司", ((TextColumn)data["name"])[1]);
        var amount = (NumericColumn)data["amount"];
        Assert.Equal(1234.5, amount[0]);
        Assert.True(double.IsNaN(amount[1]));
        Assert.True(amount.IsNull(1));
        Assert.Equal(1, amount.NullCount);
        Assert.Equal([3.0, 4.0], ((NumericColumn)data["count"]).Values.ToArray());
        Assert.Equal([1.0, 0.0], ((NumericColumn)data["flag"]).Values.ToArray());
        var size = (CategoricalColumn)data["size"];
        Assert.Equal([0, 1], size.Codes.ToArray()); // code "1" means 大, "小" is itself
        Assert.Equal("大", size[0]);
        var open = (CategoricalColumn)data["open"];
        Assert.Equal(["a", "z"], open.Categories);
        Assert.Equal([0, 1], open.Codes.ToArray());
        var day = (DateColumn)data["day"];
        Assert.Equal(new DateOnly(2024, 1, 31), day[0]);
        Assert.Null(day[1]);
        Assert.Equal([1, 2], Enumerable.Range(0, 2).Select(data.GetSourceLine));
    }

    public static TheoryData<string, RejectReason, string?, string?, string> MalformedRows => new()
    {
        { "\"c9\",\"n\",1,2,1,\"1\",\"a\"\n", RejectReason.WrongFieldCount, null, "7", "7 fields, expected 8 fields" },
        { "\"c9\",\"n\",1,2,1,\"1\",\"a\",20240101,extra\n", RejectReason.WrongFieldCount, null, "9", "9 fields" },
        { "\"c9\",\"n\",12a,2,1,\"1\",\"a\",20240101\n", RejectReason.NotANumber, "amount", "12a", "column 3 (amount): '12a' is not valid; expected a number" },
        { "\"c9\",\"n\",1e308,2,1,\"1\",\"a\",20240101\n", RejectReason.OutOfRange, "amount", "1e308", "column 3 (amount): '1e308' is not valid; expected a number within ±10^15" },
        { "\"c9\",\"n\",-2000000000000000,2,1,\"1\",\"a\",20240101\n", RejectReason.OutOfRange, "amount", "-2000000000000000", "expected a number within ±10^15" },
        { "\"c9\",\"n\",1,2.5,1,\"1\",\"a\",20240101\n", RejectReason.NotAnInteger, "count", "2.5", "expected a whole number" },
        { "\"c9\",\"n\",1,2,2,\"1\",\"a\",20240101\n", RejectReason.NotInValueList, "flag", "2", "expected 0 or 1" },
        { "\"c9\",\"n\",1,2,1,\"中\",\"a\",20240101\n", RejectReason.NotInValueList, "size", "中", "expected one of: 大, 小 (or codes 1, 2)" },
        { "\"c9\",\"n\",1,2,1,\"1\",\"a\",20241301\n", RejectReason.InvalidDate, "day", "20241301", "expected a date" },
        { "\"c1\",\"again\",1,2,1,\"1\",\"a\",20240101\n", RejectReason.DuplicateId, "id", "c1", "customer id 'c1' already appeared on line 1" },
        { ",\"n\",1,2,1,\"1\",\"a\",20240101\n", RejectReason.MissingId, "id", "", "the customer id is empty" },
        { "\"c9\"x,\"n\",1,2,1,\"1\",\"a\",20240101\n", RejectReason.MalformedQuotes, null, null, "broken quoting" },
    };

    [Theory]
    [MemberData(nameof(MalformedRows))]
    public void Each_bad_row_is_rejected_with_its_reason_and_the_rest_kept(string badRow, RejectReason reason, string? column, string? value, string message)
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(GoodRow1 + badRow + GoodRow2, Small, sink, name: "bad.del");

        Assert.Equal(["c1", "c2"], data.Ids!.Values); // both good rows survive, in order
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(2, rejection.Line);
        Assert.Equal("bad.del", rejection.File);
        Assert.Equal(column, rejection.Column);
        if (value is not null) Assert.Equal(value, rejection.Value ?? "");
        Assert.Contains(message, rejection.Message);
        Assert.StartsWith("bad.del, line 2", rejection.Message);
        Assert.Equal(ErrorIds.RowRejected, sink.Errors[0].ErrorId);
        Assert.Equal(1, data.Summary.RejectedByReason[reason]);
        Assert.Equal(3, data.Summary.RecordsRead);
        Assert.Equal(new[] { 1, 3 }, new[] { data.GetSourceLine(0), data.GetSourceLine(1) });
    }

    [Fact]
    public void A_rejected_row_leaves_no_trace_in_open_categories()
    {
        // The bad row has a new open value but a broken amount: the value must not become a category.
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(GoodRow1 + "\"c9\",\"n\",oops,2,1,\"1\",\"new\",20240101\n", Small, sink);
        Assert.Equal(["a"], ((CategoricalColumn)data["open"]).Categories);
    }

    [Fact]
    public void Duplicate_ids_can_be_kept()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(GoodRow1 + GoodRow1, Small, sink, duplicates: DuplicateIdPolicy.Keep);
        Assert.Equal(2, data.RowCount);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void A_column_empty_in_every_row_is_dropped_with_a_warning()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("\"c1\",\"n\",,1,1,\"1\",\"a\",\n\"c2\",\"m\",\"\",2,0,\"2\",\"a\",\n", Small, sink, name: "e.del");
        Assert.Equal(2, data.RowCount);
        Assert.Equal(["amount", "day"], data.DroppedColumns);
        Assert.False(data.Contains("amount"));
        Assert.Contains(sink.Warnings, w => w == "Column 'amount' is empty in every row of e.del; it was dropped.");
        var e = Assert.Throws<KeyNotFoundException>(() => data["day"]);
        Assert.Contains("dropped because it was empty in every row", e.Message);
    }

    [Fact]
    public void Quoted_empty_text_is_null_like_an_empty_field()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("\"c1\",\"\",1,1,1,\"1\",\"a\",20240101\n\"c2\",,1,1,1,\"1\",\"a\",20240101\n", Small, sink);
        Assert.Equal(["name"], data.DroppedColumns);
    }

    [Fact]
    public void Codes_written_as_floats_are_recognised()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("\"c1\",\"n\",1,1,1,1.0,\"a\",20240101\n\"c2\",\"n\",1,1,1,\"2.00\",\"a\",20240101\n", Small, sink);
        Assert.Empty(sink.Errors);
        Assert.Equal([0, 1], ((CategoricalColumn)data["size"]).Codes.ToArray());
    }

    [Fact]
    public void Open_columns_keep_unknown_values_and_say_so()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(GoodRow1 + GoodRow2 + "\"c3\",\"n\",1,1,1,\"1\",\"z\",\n", Small, sink);
        Assert.Equal(["a", "z"], ((CategoricalColumn)data["open"]).Categories);
        Assert.Contains(sink.Warnings, w => w.Contains("1 value(s) not in its code table were kept as their own categories (e.g. 'z')"));
    }

    [Fact]
    public void Header_rows_map_columns_by_name_in_any_order()
    {
        var sink = new CollectingSink();
        string csv = "day,size,id,amount,extra,name,count,flag,open\n20240101,小,c1,5,x,n,1,0,a\n";
        var data = TestFiles.LoadText(csv, Small, sink, name: "h.csv");
        Assert.True(data.Summary.HadHeader);
        Assert.Equal(1, data.RowCount);
        Assert.Equal(5.0, ((NumericColumn)data["amount"])[0]);
        Assert.Equal("小", ((CategoricalColumn)data["size"])[0]);
        Assert.Equal(["extra"], data.Summary.IgnoredHeaderColumns);
        Assert.Contains(sink.Warnings, w => w.Contains("'extra' in the header of h.csv is not in schema Small"));
        Assert.Equal(2, data.GetSourceLine(0));
    }

    [Fact]
    public void A_header_without_some_columns_drops_them_with_a_warning()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("id,amount\nc1,5\n", Small, sink, name: "h.csv");
        Assert.Equal(1, data.RowCount);
        Assert.Contains("name", data.DroppedColumns);
        Assert.Contains(sink.Warnings, w => w == "Column 'name' is not in the header of h.csv; it was dropped.");
    }

    [Fact]
    public void A_header_without_the_key_column_is_unusable()
    {
        var e = Assert.Throws<BankInsightException>(() => TestFiles.LoadText("name,amount,count\nn,5,1\n", Small, new CollectingSink(), header: HeaderMode.Present, name: "h.csv"));
        Assert.Equal(ErrorIds.FileLayoutInvalid, e.ErrorId);
        Assert.Contains("no 'id' column", e.Message);
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_unusable()
    {
        var e = Assert.Throws<BankInsightException>(() => TestFiles.LoadText("id,amount,amount\nc1,5,6\n", Small, new CollectingSink(), name: "h.csv"));
        Assert.Contains("names column 'amount' twice (fields 2 and 3)", e.Message);
    }

    [Fact]
    public void A_file_of_another_layout_is_refused_once_not_row_by_row()
    {
        var sink = new CollectingSink();
        var e = Assert.Throws<BankInsightException>(() => TestFiles.LoadText("1,2,3\n4,5,6\n7,8,9\n10,11,12\n", Small, sink, name: "other.del"));
        Assert.Equal(ErrorIds.FileLayoutInvalid, e.ErrorId);
        Assert.Equal("other.del has 3 fields per line but schema Small has 8 columns. Is this the right file for this job, or does it need its own schema (-Schema path/to/schema.json)?", e.Message);
        Assert.Empty(sink.Errors); // no flood of row errors before the verdict
    }

    [Fact]
    public void A_few_short_rows_among_good_ones_are_only_rejected()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("1,2,3\n" + GoodRow1 + "4,5,6\n" + GoodRow2, Small, sink);
        Assert.Equal(2, data.RowCount);
        Assert.Equal(2, sink.Rejections.Count());
    }

    [Fact]
    public void Blank_lines_are_skipped_and_counted()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("\n" + GoodRow1 + "\r\n\n" + GoodRow2 + "\n", Small, sink);
        Assert.Equal(2, data.RowCount);
        Assert.Equal(4, data.Summary.BlankLines);
        Assert.Equal([2, 5], new[] { data.GetSourceLine(0), data.GetSourceLine(1) });
    }

    [Fact]
    public void An_empty_file_gives_an_empty_data_set_and_a_warning()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText("", Small, sink, name: "empty.del");
        Assert.Equal(0, data.RowCount);
        Assert.Contains(sink.Warnings, w => w == "empty.del has no data rows.");
        Assert.Empty(data.DroppedColumns);
    }

    [Fact]
    public void Reports_progress_and_completes_it()
    {
        var sink = new CollectingSink();
        TestFiles.LoadText(GoodRow1, Small, sink, name: "p.del");
        var last = sink.ProgressReports[^1];
        Assert.True(last.Completed);
        Assert.Equal("Loading p.del", last.Activity);
        Assert.Equal(1.0, last.Fraction);
    }

    [Fact]
    public void Cancellation_stops_the_load()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 70_000).Select(i => $"\"c{i}\",\"n\",1,1,1,\"1\",\"a\",20240101\n")));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CustomerDataLoader.Load(new MemoryStream(bytes), "big.del", new DataLoadOptions(Small), new CollectingSink(), cancel.Token));
    }

    [Fact]
    public void Missing_files_and_folders_are_not_found()
    {
        var e = Assert.Throws<BankInsightException>(() => CustomerDataLoader.Load("/no/such/file.del", new DataLoadOptions(Small), new CollectingSink()));
        Assert.Equal(ErrorIds.FileNotFound, e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("/no/such/file.del", e.Target);
        var folder = Assert.Throws<BankInsightException>(() => CustomerDataLoader.Load(Path.GetTempPath(), new DataLoadOptions(Small), new CollectingSink()));
        Assert.Contains("is a folder", folder.Message);
    }

    [Fact]
    public void Large_files_keep_every_row_and_exact_values()
    {
        // Crosses many 1 MB buffer refills; every value must come back exactly.
        var text = new StringBuilder();
        for (int i = 0; i < 60_000; i++) text.Append($"\"c{i}\",\"名{i}\",{i}.25,{i % 97},{i % 2},\"{1 + i % 2}\",\"v{i % 5}\",2024{1 + i % 12:D2}15\n");
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(text.ToString(), Small, sink);
        Assert.Equal(60_000, data.RowCount);
        var amount = (NumericColumn)data["amount"];
        var names = (TextColumn)data["name"];
        for (int i = 0; i < 60_000; i += 997)
        {
            Assert.Equal(i + 0.25, amount[i]);
            Assert.Equal($"名{i}", names[i]);
        }
        // Schema value first, then new values in order of first appearance.
        Assert.Equal(["a", "v0", "v1", "v2", "v3", "v4"], ((CategoricalColumn)data["open"]).Categories);
    }
}

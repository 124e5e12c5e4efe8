using System.Text;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

/// <summary>
/// The quoting rule (DelimitedRecordReader remarks): a quote inside an unquoted field is data;
/// a quote that opens a field but does not close properly costs its own line only — never the
/// rest of the file — and that line is rejected as broken quoting, verbatim in the reject file.
/// </summary>
public class StrayQuoteTests
{
    private static string Unquoted(int i) => $"c{i},n{i},1.5,2,1,1,a,20240101\n";
    private static string Quoted(int i) => $"\"c{i}\",\"名{i}\",1.5,2,1,\"1\",\"a\",20240101\n";

    private static (Data.CustomerDataSet Data, CollectingSink Sink, byte[] Rejects) Load(byte[] bytes, Encoding? encoding = null)
    {
        using var temp = new TempFolder();
        string input = temp.File("in.del"), rejects = temp.File("rejects.del");
        File.WriteAllBytes(input, bytes);
        var sink = new CollectingSink();
        var data = CustomerDataLoader.Load(input, new DataLoadOptions(TestSchemas.Small) { RejectPath = rejects, Encoding = encoding }, sink);
        return (data, sink, File.ReadAllBytes(rejects));
    }

    private static (Data.CustomerDataSet Data, CollectingSink Sink, byte[] Rejects) Load(string text) => Load(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_data()
    {
        var (data, sink, rejects) = Load(Unquoted(1) + "c2,ab\"c,1.5,2,1,1,a,20240101\n" + Unquoted(3));
        Assert.Empty(sink.Errors);
        Assert.Equal(3, data.RowCount);
        Assert.Equal("ab\"c", ((TextColumn)data["name"])[1]);
        Assert.Equal((3, 3, 0), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        Assert.Empty(rejects);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_number_still_fails_the_number_check()
    {
        var (data, sink, rejects) = Load(Unquoted(1) + "c2,n,1\"5,2,1,1,a,20240101\n" + Unquoted(3));
        Assert.Equal(["c1", "c3"], data.Ids!.Values);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.NotANumber, 2, "1\"5"), (rejection.Reason, rejection.Line, rejection.Value));
        Assert.Equal("c2,n,1\"5,2,1,1,a,20240101\n", Encoding.UTF8.GetString(rejects));
    }

    public static TheoryData<string, string> OpeningQuotes => new()
    {
        // Unquoted export: nothing later closes the quote (this used to swallow the rest of the file).
        { "unquoted, never closed", "c2,\"n2,1.5,2,1,1,a,20240101\n" },
        // DB2 style: the next line's opening quote is taken as the close, and text follows it.
        { "quoted, closed by the next line's quote", "\"c2\",\"名2,1.5,2,1,1,a,20240101\r\n" },
        // Text after a closing quote.
        { "text after the closing quote", "\"c2\",\"名\"2,1.5,2,1,\"1\",\"a\",20240101\n" },
    };

    [Theory]
    [MemberData(nameof(OpeningQuotes))]
    public void A_broken_quote_costs_its_own_line_only(string _, string badLine)
    {
        var text = new StringBuilder();
        for (int i = 1; i <= 5; i++) text.Append(i == 2 ? badLine : (badLine.StartsWith('"') ? Quoted(i) : Unquoted(i)));
        var (data, sink, rejects) = Load(text.ToString());

        Assert.Equal(["c1", "c3", "c4", "c5"], data.Ids!.Values);
        Assert.Equal([1, 3, 4, 5], Enumerable.Range(0, 4).Select(data.GetSourceLine));
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.MalformedQuotes, 2), (rejection.Reason, rejection.Line));
        Assert.StartsWith("in.del, line 2: broken quoting", rejection.Message);
        Assert.Equal((5, 4, 1), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        Assert.Equal(badLine, Encoding.UTF8.GetString(rejects)); // verbatim, its own line end included
    }

    [Theory]
    // Closed in the same column: read over line ends it is a record of the right size, but it
    // takes in line 3, a whole row by itself.
    [InlineData("c4,x\",1.5,2,1,1,a,20240101\n", "took in line 3, a whole row")]
    // Closed in another column: a record of the wrong size.
    [InlineData("c4,n4,1.5,2,1,1,x\",20240101\n", "gave 3 fields, not 8")]
    public void A_stray_quote_closed_by_another_stray_quote_lines_later_costs_one_line(string line4, string why)
    {
        // Only line 2 is rejected; line 4 reads alone, its quote as data.
        string text = Unquoted(1) + "c2,\"n2,1.5,2,1,1,a,20240101\n" + Unquoted(3) + line4 + Unquoted(5);
        var (data, sink, rejects) = Load(text);

        Assert.Equal(["c1", "c3", "c4", "c5"], data.Ids!.Values);
        Assert.Equal([1, 3, 4, 5], Enumerable.Range(0, 4).Select(data.GetSourceLine));
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.MalformedQuotes, 2), (rejection.Reason, rejection.Line));
        Assert.Contains($"line 2 {why}", rejection.Message);
        Assert.Equal((5, 4, 1), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        Assert.Equal("c2,\"n2,1.5,2,1,1,a,20240101\n", Encoding.UTF8.GetString(rejects));
    }

    [Fact]
    public void A_stray_quote_closed_in_the_same_column_on_the_next_line_costs_one_line()
    {
        // Read over the line end it is a record of the right size; line 3 alone is a whole row.
        string text = Unquoted(1) + "c2,\"n2,1.5,2,1,1,a,20240101\n" + "c3,x\",1.5,2,1,1,a,20240101\n" + Unquoted(4);
        var (data, sink, rejects) = Load(text);

        Assert.Equal(["c1", "c3", "c4"], data.Ids!.Values);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Contains("line 2 took in line 3, a whole row", rejection.Message);
        Assert.Equal("c2,\"n2,1.5,2,1,1,a,20240101\n", Encoding.UTF8.GetString(rejects));
    }

    // A line break inside a quoted field is read as part of one record, so the rows after it keep
    // their places; the record is then rejected as one, for the line feed in that column (the issue's
    // "51 lines for 50 records": no line break reaches a result), its lines verbatim in the reject file.
    [Fact]
    public void A_line_break_in_a_quoted_first_column_costs_that_record_only()
    {
        var (data, sink, rejects) = Load("\"c1\nsecond line\",\"名\",1.5,2,1,\"1\",\"a\",20240101\n" + Quoted(2));
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.ControlCharacter, 1, "id"), (rejection.Reason, rejection.Line, rejection.Column));
        Assert.Equal(["c2"], data.Ids!.Values);
        Assert.Equal(3, data.GetSourceLine(0));
        Assert.Equal("\"c1\nsecond line\",\"名\",1.5,2,1,\"1\",\"a\",20240101\n", Encoding.UTF8.GetString(rejects));
    }

    [Fact]
    public void A_quoted_line_break_is_one_record_rejected_as_one()
    {
        string record = "\"c2\",\"line one\r\nline \"\"two\"\"\",1.5,2,1,\"1\",\"a\",20240101\r\n";
        var (data, sink, rejects) = Load(Quoted(1) + record + Quoted(3));
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.ControlCharacter, 2, "name"), (rejection.Reason, rejection.Line, rejection.Column));
        Assert.Contains("U+000D (carriage return)", rejection.Message);
        Assert.Equal(["c1", "c3"], data.Ids!.Values);
        Assert.Equal([1, 4], Enumerable.Range(0, 2).Select(data.GetSourceLine));
        Assert.Equal(record, Encoding.UTF8.GetString(rejects));
    }

    [Theory]
    [InlineData("\"c3\",\"unclosed,1.5,2,1,\"1\",\"a\",20240101")]
    [InlineData("\"c3\",\"unclosed,1.5,2,1,\"1\",\"a\",20240101\n")]
    [InlineData("c3,\"unclosed\r\n")]
    public void An_unclosed_quote_at_the_end_of_the_file_rejects_that_line(string last)
    {
        var (data, sink, rejects) = Load(Quoted(1) + Quoted(2) + last);
        Assert.Equal(["c1", "c2"], data.Ids!.Values);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.MalformedQuotes, 3), (rejection.Reason, rejection.Line));
        Assert.Equal((3, 2, 1), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        // The last line gets the line feed it lacked, so the reject file stays line-per-record.
        Assert.Equal(last.EndsWith('\n') ? last : last + "\n", Encoding.UTF8.GetString(rejects));
    }

    [Fact]
    public void Three_thousand_rows_with_a_stray_opening_quote_in_row_10_load_2999()
    {
        // The reported case: an export without quotes, one quote on row 10. It used to read as
        // "rows read 10, rejected 1", the other 2,990 rows gone without a word.
        var text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) text.Append(i == 10 ? "c10,\"n10,1.5,2,1,1,a,20240101\n" : Unquoted(i));
        var (data, sink, rejects) = Load(text.ToString());

        Assert.Equal((3000, 2999, 1), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        Assert.Equal(1, data.Summary.RejectedByReason[RejectReason.MalformedQuotes]);
        Assert.Equal(10, Assert.Single(sink.Rejections).Line);
        Assert.Equal("c10,\"n10,1.5,2,1,1,a,20240101\n", Encoding.UTF8.GetString(rejects));
        Assert.Equal("c3000", data.Ids![^1]);
        Assert.Equal(3000, data.GetSourceLine(2998));
    }

    [Fact]
    public void Three_thousand_rows_with_a_quote_inside_a_field_of_row_10_load_3000()
    {
        var text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) text.Append(i == 10 ? "c10,ab\"c,1.5,2,1,1,a,20240101\n" : Unquoted(i));
        var (data, sink, rejects) = Load(text.ToString());

        Assert.Equal((3000, 3000, 0), (data.Summary.RecordsRead, data.Summary.RowsLoaded, data.Summary.RowsRejected));
        Assert.Empty(sink.Errors);
        Assert.Equal("ab\"c", ((TextColumn)data["name"])[9]);
        Assert.Empty(rejects);
    }

    [Fact]
    public void The_rejected_line_of_a_gb18030_file_is_written_in_gb18030_byte_for_byte()
    {
        string bad = "\"c2\",\"东莞\"鸿泰,1.5,2,1,\"1\",\"a\",20240101\r\n";
        var bytes = TextEncodings.Gb18030.GetBytes(Quoted(1) + bad + Quoted(3));
        var (data, sink, rejects) = Load(bytes);

        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.Equal(["c1", "c3"], data.Ids!.Values);
        Assert.Equal(RejectReason.MalformedQuotes, Assert.Single(sink.Rejections).Reason);
        Assert.Equal(TextEncodings.Gb18030.GetBytes(bad), rejects);
    }
}

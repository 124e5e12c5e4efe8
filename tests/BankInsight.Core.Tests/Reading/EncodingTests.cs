using System.Text;
using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

public class EncodingTests
{
    private const string Rows = "\"c1\",\"东莞鸿泰五金厂\",1,1,1,\"大\",\"a\",20240101\n\"c2\",\"广州市“华盛”贸易\",2,2,0,\"小\",\"a\",20240102\n";

    private static string Name(CustomerDataSetView data, int row) => data.Names[row]!;

    private sealed record CustomerDataSetView(IReadOnlyList<string?> Names, LoadSummary Summary);

    private static CustomerDataSetView Load(byte[] bytes, Encoding? explicitEncoding = null, CollectingSink? sink = null)
    {
        var data = TestFiles.LoadBytes(bytes, TestSchemas.Small, sink ?? new CollectingSink(), explicitEncoding);
        return new(((TextColumn)data["name"]).Values, data.Summary);
    }

    [Fact]
    public void Gb18030_files_are_detected_and_decoded()
    {
        var data = Load(TextEncodings.Gb18030.GetBytes(Rows));
        Assert.Equal("东莞鸿泰五金厂", Name(data, 0));
        Assert.Equal("广州市“华盛”贸易", Name(data, 1));
        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.True(data.Summary.EncodingDetected);
    }

    [Theory]
    [InlineData(2000, 1137)] // the prospect case: one bad byte once made all 2,000 rows rejected and an empty list
    [InlineData(50, 17)]     // the churn case: 16 good rows rejected and 34 loaded with garbled names
    public void One_stray_byte_does_not_flip_a_utf8_file_to_gb18030(int rows, int badRow)
    {
        var lines = Enumerable.Range(0, rows).Select(i => Encoding.UTF8.GetBytes($"\"c{i}\",\"东莞鸿泰五金厂{i}\",1,1,1,\"大\",\"a\",20240101\n")).ToList();
        lines[badRow] = [.. Encoding.UTF8.GetBytes($"\"c{badRow}\",\"Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\",1,1,1,\"大\",\"a\",20240101\n")]; // Latin-1 é
        var sink = new CollectingSink();
        var data = Load(lines.SelectMany(l => l).ToArray(), sink: sink);
        Assert.Equal("utf-8", data.Summary.EncodingName);
        Assert.Equal(rows - 1, data.Names.Count);
        Assert.All(data.Names, n => Assert.StartsWith("东莞鸿泰五金厂", n)); // nothing garbled
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.InvalidText, badRow + 1), (rejection.Reason, rejection.Line));
        Assert.Equal($"UTF-8: 1 of the {rows:N0} lines of the file with non-ASCII text is not valid UTF-8, the rest are", data.Summary.EncodingReason);
        Assert.Contains(sink.Warnings, w => w.StartsWith($"test.del: UTF-8: 1 of the {rows:N0} lines of the file with non-ASCII text is not valid UTF-8, the rest are; that row is rejected", StringComparison.Ordinal));
    }

    [Fact]
    public void A_utf8_file_with_many_stray_bytes_stays_utf8_and_rejects_just_those_rows()
    {
        // One Latin-1 byte on every 30th line (67 of 2,000): once read as GB18030, 1,386 names garbled.
        var lines = Enumerable.Range(0, 2000).Select(i => i % 30 == 7
            ? [.. Encoding.UTF8.GetBytes($"\"c{i}\",\"Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\",1,1,1,\"大\",\"a\",20240101\n")]
            : Encoding.UTF8.GetBytes($"\"c{i}\",\"东莞鸿泰五金厂{i}\",1,1,1,\"大\",\"a\",20240101\n")).ToList();
        var sink = new CollectingSink();
        var data = Load(lines.SelectMany(l => l).ToArray(), sink: sink);
        Assert.Equal("utf-8", data.Summary.EncodingName);
        Assert.Equal(2000 - 67, data.Names.Count);
        Assert.All(data.Names, n => Assert.StartsWith("东莞鸿泰五金厂", n));
        Assert.Equal(67, sink.Rejections.Count(r => r.Reason == RejectReason.InvalidText));
    }

    [Fact]
    public void A_file_mixing_gb18030_and_utf8_lines_is_read_by_the_majority_and_warned_of()
    {
        string Row(int i) => $"\"c{i}\",\"东莞鸿泰五金厂\",1,1,1,\"大\",\"a\",20240101\n";
        var bytes = Enumerable.Range(0, 300).SelectMany(i => i < 200 ? TextEncodings.Gb18030.GetBytes(Row(i)) : Encoding.UTF8.GetBytes(Row(i))).ToArray();
        var sink = new CollectingSink();
        var data = Load(bytes, sink: sink);
        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.Contains(sink.Warnings, w => w.StartsWith("test.del: 100 of the 300 lines of the file with non-ASCII text are valid UTF-8 but are read as GB18030", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gb18030_file_says_why_it_was_read_so()
    {
        var data = Load(TextEncodings.Gb18030.GetBytes(string.Concat(Enumerable.Repeat(Rows, 50))));
        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.Equal("GB18030: 100 of the 100 lines of the file with non-ASCII text are not valid UTF-8", data.Summary.EncodingReason);
        Assert.Equal("every byte is valid UTF-8", Load(Encoding.UTF8.GetBytes(Rows)).Summary.EncodingReason);
    }

    [Fact]
    public void A_pipe_that_is_half_a_gb18030_character_costs_its_row_with_a_warning_why()
    {
        // 東 is 0x96 0x7C in GB18030 (beyond GB2312): unquoted, a '|' split cuts it in half and the
        // row gains a field; quoted, the tokenizer does not split inside quotes and the row loads.
        Assert.Equal(new byte[] { 0x96, 0x7C }, TextEncodings.Gb18030.GetBytes("東"));
        string text = "\"c1\"|\"東莞\"|1|1|1|\"大\"|\"a\"|20240101\n\"c2\"|東莞|2|2|0|\"小\"|\"a\"|20240102\n\"c3\"|\"广州\"|3|3|0|\"小\"|\"a\"|20240103\n";
        var sink = new CollectingSink();
        var options = new DataLoadOptions(TestSchemas.Small) { Delimiter = '|' };
        var data = CustomerDataLoader.Load(new MemoryStream(TextEncodings.Gb18030.GetBytes(text)), "pipes.del", options, sink);
        Assert.Equal(["東莞", "广州"], ((TextColumn)data["name"]).Values);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.WrongFieldCount, 2), (rejection.Reason, rejection.Line));
        Assert.Contains(sink.Warnings, w => w.StartsWith("1 row(s) of pipes.del were rejected") && w.Contains("'|' as delimiter"));

        // A clean file with the same delimiter gets no such warning.
        var clean = new CollectingSink();
        CustomerDataLoader.Load(new MemoryStream(TextEncodings.Gb18030.GetBytes(text.Replace("|東莞|", "|\"東莞\"|"))), "pipes.del", options, clean);
        Assert.Empty(clean.Errors);
        Assert.DoesNotContain(clean.Warnings, w => w.Contains("as delimiter"));
    }

    [Fact]
    public void Utf8_files_are_detected()
    {
        var data = Load(Encoding.UTF8.GetBytes(Rows));
        Assert.Equal("utf-8", data.Summary.EncodingName);
        Assert.True(data.Summary.EncodingDetected);
        Assert.False(data.Summary.HadByteOrderMark);
        Assert.Equal("东莞鸿泰五金厂", Name(data, 0));
    }

    [Fact]
    public void A_utf8_bom_is_skipped_and_noted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Rows)).ToArray();
        var data = Load(bytes);
        Assert.True(data.Summary.HadByteOrderMark);
        Assert.False(data.Summary.EncodingDetected);
        Assert.Equal(2, data.Names.Count);
    }

    [Fact]
    public void A_bom_header_file_still_finds_its_header()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("id,name\nc1,n\n")).ToArray();
        var data = TestFiles.LoadBytes(bytes, TestSchemas.Small, new CollectingSink());
        Assert.True(data.Summary.HadHeader);
        Assert.Equal(1, data.RowCount);
    }

    [Fact]
    public void A_gb18030_bom_is_honoured()
    {
        var bytes = new byte[] { 0x84, 0x31, 0x95, 0x33 }.Concat(TextEncodings.Gb18030.GetBytes(Rows)).ToArray();
        var data = Load(bytes);
        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.True(data.Summary.HadByteOrderMark);
        Assert.Equal("东莞鸿泰五金厂", Name(data, 0));
    }

    [Fact]
    public void Utf16_files_are_refused_with_advice()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Rows)).ToArray();
        var e = Assert.Throws<BankInsightException>(() => Load(bytes));
        Assert.Equal(ErrorIds.EncodingUnsupported, e.ErrorId);
        Assert.Contains("UTF-16", e.Message);
        Assert.Contains("UTF-8 or GB18030", e.Message);
    }

    [Theory]
    [InlineData("utf-32")]
    [InlineData("utf-32BE")]
    public void Utf32_files_are_called_utf32(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Rows)).ToArray();
        var e = Assert.Throws<BankInsightException>(() => Load(bytes));
        Assert.Contains("is UTF-32 encoded", e.Message);
    }

    [Fact]
    public void A_late_gb18030_line_makes_the_whole_file_gb18030()
    {
        // 200 KB of ASCII first: detection must look at the whole file, not a prefix.
        var ascii = string.Concat(Enumerable.Range(0, 5000).Select(i => $"\"x{i}\",\"ascii name\",1,1,1,\"1\",\"a\",20240101\n"));
        var bytes = Encoding.ASCII.GetBytes(ascii).Concat(TextEncodings.Gb18030.GetBytes("\"last\",\"东莞\",1,1,1,\"1\",\"a\",20240101\n")).ToArray();
        var data = Load(bytes);
        Assert.Equal("gb18030", data.Summary.EncodingName);
        Assert.Equal("东莞", data.Names[^1]);
    }

    [Fact]
    public void Explicit_utf8_rejects_rows_whose_text_is_not_utf8()
    {
        var sink = new CollectingSink();
        var bytes = Encoding.UTF8.GetBytes("\"c1\",\"ok\",1,1,1,\"1\",\"a\",20240101\n").Concat(TextEncodings.Gb18030.GetBytes("\"c2\",\"东莞\",1,1,1,\"1\",\"a\",20240101\n")).ToArray();
        var data = Load(bytes, TextEncodings.Utf8, sink);
        Assert.Single(data.Names);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal(RejectReason.InvalidText, rejection.Reason);
        Assert.Equal("name", rejection.Column);
        Assert.Contains("expected text in utf-8", rejection.Message);
    }

    [Fact]
    public void Explicit_gb18030_reads_gbk_bytes()
    {
        var gbk = TextEncodings.Gb18030.GetBytes(Rows);
        var data = Load(gbk, TextEncodings.Resolve("gbk"));
        Assert.Equal("东莞鸿泰五金厂", Name(data, 0));
        Assert.False(data.Summary.EncodingDetected);
    }

    [Theory]
    [InlineData("utf-8", "utf-8")]
    [InlineData("UTF8", "utf-8")]
    [InlineData("gb18030", "gb18030")]
    [InlineData("GBK", "gb18030")]
    [InlineData("cp936", "gb18030")]
    public void Encoding_names_resolve(string name, string expected)
    {
        Assert.Equal(expected, TextEncodings.NameOf(TextEncodings.Resolve(name)!));
    }

    [Fact]
    public void Auto_and_empty_mean_detect_and_unknown_names_list_the_choices()
    {
        Assert.Null(TextEncodings.Resolve("Auto"));
        Assert.Null(TextEncodings.Resolve(null));
        var e = Assert.Throws<BankInsightException>(() => TextEncodings.Resolve("latin1"));
        Assert.Equal(ErrorIds.EncodingUnsupported, e.ErrorId);
        Assert.Contains("utf8 (no byte order mark), utf8BOM, gb18030", e.Message);
    }

    [Fact]
    public void Utf8BOM_writes_a_byte_order_mark_and_the_other_names_do_not()
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, TextEncodings.Resolve("utf8BOM")!.GetPreamble());
        Assert.Empty(TextEncodings.Resolve("utf8")!.GetPreamble());
        Assert.Empty(TextEncodings.Resolve("utf8NoBOM")!.GetPreamble());
        Assert.Empty(TextEncodings.Resolve("gbk")!.GetPreamble());
        Assert.True(TextEncodings.IsGb18030(TextEncodings.Resolve("GB18030")!));
    }

    [Fact]
    public void Utf8_sequences_cut_at_scan_block_edges_are_still_valid()
    {
        // 3-byte characters across the 1 MB block edge in every alignment.
        for (int shift = 0; shift < 3; shift++)
        {
            var bytes = new byte[(1 << 20) + shift].Select(_ => (byte)'a').Concat(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("东", 10)))).ToArray();
            Assert.True(TextEncodings.Scan(new MemoryStream(bytes), checkUtf8: true, CancellationToken.None).ValidUtf8);
        }
    }

    [Fact]
    public void Scan_counts_lines_with_and_without_a_final_newline()
    {
        Assert.Equal(2, TextEncodings.Scan(new MemoryStream("a\nb\n"u8.ToArray()), false, default).Lines);
        Assert.Equal(2, TextEncodings.Scan(new MemoryStream("a\nb"u8.ToArray()), false, default).Lines);
        Assert.Equal(0, TextEncodings.Scan(new MemoryStream([]), false, default).Lines);
    }
}

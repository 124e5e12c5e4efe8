using System.Text;
using BankInsight.Data.Reading;

namespace BankInsight.Tests.Reading;

/// <summary>The tokenizer's quoting rule and line-end handling, beyond DelimitedRecordReaderTests.</summary>
public class DelimitedRecordReaderQuotingTests
{
    private sealed record Record(int Line, string[] Fields, bool Malformed, bool SpansLines, string Raw);

    private static List<Record> ReadAll(byte[] bytes, int bufferSize = 1 << 20)
    {
        using var reader = new DelimitedRecordReader(new MemoryStream(bytes), (byte)',', bufferSize);
        var records = new List<Record>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                string value = Encoding.UTF8.GetString(reader.Field(i));
                fields[i] = (reader.FieldFlags(i) & DelimitedRecordReader.Quoted) != 0 ? $"<{value}>" : value;
            }
            records.Add(new(reader.Line, fields, reader.Malformed, reader.SpansLines, Encoding.UTF8.GetString(reader.RawRecord)));
        }
        return records;
    }

    private static List<Record> ReadAll(string text, int bufferSize = 1 << 20) => ReadAll(Encoding.UTF8.GetBytes(text), bufferSize);

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_ordinary_character()
    {
        var records = ReadAll("1,ab\"c,2\n3, \"x\" ,4\n");
        Assert.Equal(["1", "ab\"c", "2"], records[0].Fields);
        Assert.Equal(["3", " \"x\" ", "4"], records[1].Fields); // not at the field start: not a quoted field
        Assert.All(records, r => Assert.False(r.Malformed));
    }

    [Fact]
    public void An_unclosed_quote_takes_only_its_own_line()
    {
        var records = ReadAll("1,\"abc,2\n3,4,5\n6,7,8\n");
        Assert.Equal(3, records.Count);
        Assert.True(records[0].Malformed);
        Assert.Equal("1,\"abc,2\n", records[0].Raw);
        Assert.Equal(["3", "4", "5"], records[1].Fields);
        Assert.Equal((2, false), (records[1].Line, records[1].Malformed));
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void A_quote_closed_by_the_next_lines_opening_quote_takes_only_its_own_line()
    {
        var records = ReadAll("\"a\",\"b\n\"c\",\"d\"\n");
        Assert.Equal(2, records.Count);
        Assert.True(records[0].Malformed);
        Assert.Equal(["<c>", "<d>"], records[1].Fields);
        Assert.False(records[1].Malformed);
    }

    [Fact]
    public void A_multi_line_field_is_one_record_that_says_so()
    {
        var records = ReadAll("1,\"two\r\nlines\",3\r\n4,5,6\n");
        Assert.Equal(["1", "<two\r\nlines>", "3"], records[0].Fields);
        Assert.True(records[0].SpansLines);
        Assert.False(records[0].Malformed);
        Assert.Equal("1,\"two\r\nlines\",3\r\n", records[0].Raw);
        Assert.Equal((3, false), (records[1].Line, records[1].SpansLines));
    }

    [Fact]
    public void A_quoted_field_may_not_run_over_line_ends_for_more_than_the_limit()
    {
        // The closing quote comes after MaxQuotedSpan bytes: the opening quote was stray.
        var filler = string.Concat(Enumerable.Repeat("0123456789,0123456789\n", DelimitedRecordReader.MaxQuotedSpan / 22 + 10));
        var records = ReadAll("1,\"open\n" + filler + "x\",2\n");
        Assert.True(records[0].Malformed);
        Assert.False(records[0].SpansLines);
        Assert.Equal("1,\"open\n", records[0].Raw);
        Assert.Equal(["x\"", "2"], records[^1].Fields);
        Assert.Equal(records.Count - 1, records.Count(r => !r.Malformed));

        // Within the limit it is one record.
        var near = ReadAll("1,\"open\n" + filler[..1000] + "x\",2\n");
        Assert.True(near[0].SpansLines);
        Assert.False(near[0].Malformed);
        Assert.Single(near);
    }

    [Fact]
    public void Reading_the_first_line_only_goes_on_with_the_second()
    {
        using var reader = new DelimitedRecordReader(new MemoryStream("1,\"a\nb,c\",2\n3,4\n"u8.ToArray()), (byte)',');
        Assert.True(reader.Read());
        Assert.True(reader.SpansLines);
        Assert.Equal(3, reader.FieldCount);
        reader.ReadFirstLineOnly();
        Assert.True(reader.Malformed);
        Assert.Equal("1,\"a\n", Encoding.UTF8.GetString(reader.RawRecord));
        Assert.Equal(1, reader.Line);
        Assert.True(reader.Read());
        Assert.Equal((2, 3, "b,c\",2\n"), (reader.Line, reader.FieldCount, Encoding.UTF8.GetString(reader.RawRecord)));
        Assert.True(reader.Read());
        Assert.Equal(3, reader.Line);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Finds_a_whole_record_taken_in_by_a_multi_line_field()
    {
        // Opened by a stray quote on line 1, closed by another at the end of line 3's second field.
        using var reader = new DelimitedRecordReader(new MemoryStream("1,\"a,2\n3,b,4\n5,c\",6\n"u8.ToArray()), (byte)',');
        Assert.True(reader.Read());
        Assert.Equal((true, 3), (reader.SpansLines, reader.FieldCount));
        Assert.Equal(2, reader.FindInnerRecord(3));
        Assert.Equal(0, reader.FindInnerRecord(4));
        Assert.Equal("a,2\n3,b,4\n5,c", Encoding.UTF8.GetString(reader.Field(1))); // still readable after the search

        // A real multi-line text: its inner lines are not records.
        using var real = new DelimitedRecordReader(new MemoryStream("1,\"line one\r\nline two\r\nthree\",2\r\n"u8.ToArray()), (byte)',');
        Assert.True(real.Read());
        Assert.Equal(0, real.FindInnerRecord(3));
    }

    [Fact]
    public void The_last_line_counts_as_a_whole_record_unless_it_closes_the_first_field()
    {
        // Two lines, closed in the same (second) column: the last line is a whole record.
        using var merged = new DelimitedRecordReader(new MemoryStream("1,\"a,2\n3,b\",4\n"u8.ToArray()), (byte)',');
        Assert.True(merged.Read());
        Assert.Equal(3, merged.FieldCount);
        Assert.Equal(2, merged.FindInnerRecord(3));

        // A multi-line first field: its last line has every field too, and that is normal.
        using var first = new DelimitedRecordReader(new MemoryStream("\"东莞\n两行\",\"1\",\n"u8.ToArray()), (byte)',');
        Assert.True(first.Read());
        Assert.Equal(3, first.FieldCount);
        Assert.Equal(0, first.FindInnerRecord(3));
    }

    [Fact]
    public void A_lone_cr_ends_a_line()
    {
        var records = ReadAll("a,b\rc,d\r\ne,f\n");
        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], records.Select(r => r.Fields));
        Assert.Equal(["a,b\r", "c,d\r\n", "e,f\n"], records.Select(r => r.Raw));
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void Bytes_that_look_like_a_byte_order_mark_mid_file_are_data()
    {
        // A line may start a CsvHelper input: it must not be taken for a UTF-8 or UTF-16 BOM there.
        byte[] bytes = [(byte)'x', (byte)'\n', 0xEF, 0xBB, 0xBF, (byte)'a', (byte)',', (byte)'b', (byte)'\n', 0xFF, 0xFE, (byte)'c', (byte)',', (byte)'d', (byte)'\n'];
        foreach (int size in new[] { 1, 2, 3, 1 << 20 })
        {
            using var reader = new DelimitedRecordReader(new MemoryStream(bytes), (byte)',', size);
            Assert.True(reader.Read());
            Assert.True(reader.Read());
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' }, reader.Field(0).ToArray());
            Assert.True(reader.Read());
            Assert.Equal(new byte[] { 0xFF, 0xFE, (byte)'c' }, reader.Field(0).ToArray());
            Assert.Equal(2, reader.FieldCount);
            Assert.False(reader.Read());
        }
    }

    [Fact]
    public void Gb18030_bytes_pass_through_undecoded()
    {
        var bytes = TextEncodings.Gb18030.GetBytes("\"东莞\",广州“华盛”\n");
        using var reader = new DelimitedRecordReader(new MemoryStream(bytes), (byte)',');
        Assert.True(reader.Read());
        Assert.Equal("东莞", TextEncodings.Gb18030.GetString(reader.Field(0)));
        Assert.Equal("广州“华盛”", TextEncodings.Gb18030.GetString(reader.Field(1)));
        Assert.Equal(bytes, reader.RawRecord.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void Tiny_buffers_give_the_same_records_with_broken_and_multi_line_quotes(int bufferSize)
    {
        string text = "1,\"abc,2\n\"a\"x,b\r\n3,\"two\nlines\",4\r\n5,ab\"c\r6,\"\"\"\",7\n\n8,\"end";
        Assert.Equal(ReadAll(text), ReadAll(text, bufferSize), new RecordComparer());
    }

    private sealed class RecordComparer : IEqualityComparer<Record>
    {
        public bool Equals(Record? x, Record? y) =>
            x is not null && y is not null && (x.Line, x.Malformed, x.SpansLines, x.Raw) == (y.Line, y.Malformed, y.SpansLines, y.Raw) && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode(Record obj) => obj.Line;
    }
}

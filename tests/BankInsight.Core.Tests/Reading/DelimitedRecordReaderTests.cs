using System.Text;
using BankInsight.Data.Reading;

namespace BankInsight.Tests.Reading;

public class DelimitedRecordReaderTests
{
    private static List<(int Line, string[] Fields, bool Malformed)> ReadAll(string text, int bufferSize = 1 << 20, char delimiter = ',')
    {
        var reader = new DelimitedRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), (byte)delimiter, bufferSize);
        var records = new List<(int, string[], bool)>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                string value = Encoding.UTF8.GetString(reader.Field(i));
                if ((reader.FieldFlags(i) & DelimitedRecordReader.HasEscapedQuotes) != 0) value = value.Replace("\"\"", "\"");
                fields[i] = (reader.FieldFlags(i) & DelimitedRecordReader.Quoted) != 0 ? $"<{value}>" : value;
            }
            records.Add((reader.Line, fields, reader.Malformed));
        }
        return records;
    }

    [Fact]
    public void Splits_plain_fields_and_keeps_empty_ones()
    {
        var records = ReadAll("a,b,,d\n1,2,3,4\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b", "", "d"], records[0].Fields);
        Assert.Equal(["1", "2", "3", "4"], records[1].Fields);
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_doubled_quotes_and_newlines()
    {
        var records = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",x\nnext,1,2,3\n");
        Assert.Equal(["<a,b>", "<say \"hi\">", "<two\nlines>", "x"], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(3, records[1].Line); // the newline inside quotes moved the next record down a line
        Assert.False(records[0].Malformed);
    }

    [Fact]
    public void Crlf_line_ends_are_stripped()
    {
        var records = ReadAll("a,\"b\"\r\nc,d\r\n");
        Assert.Equal(["a", "<b>"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
    }

    [Fact]
    public void A_last_line_without_newline_is_read()
    {
        var records = ReadAll("a,b\nc,\"d\"");
        Assert.Equal(2, records.Count);
        Assert.Equal(["c", "<d>"], records[1].Fields);
    }

    [Fact]
    public void A_trailing_delimiter_makes_an_empty_last_field()
    {
        Assert.Equal(["a", "b", ""], ReadAll("a,b,\n")[0].Fields);
    }

    [Fact]
    public void Blank_lines_are_records_of_one_empty_field()
    {
        var records = ReadAll("a\n\n\r\nb\n");
        Assert.Equal(4, records.Count);
        Assert.Equal([""], records[1].Fields);
        Assert.Equal([""], records[2].Fields);
        Assert.Equal(4, records[3].Line);
    }

    [Fact]
    public void Broken_quoting_is_flagged_and_confined_to_its_line()
    {
        var records = ReadAll("\"a\"x,b\nc,d\n");
        Assert.True(records[0].Malformed);
        Assert.Equal(["c", "d"], records[1].Fields);
        Assert.False(records[1].Malformed);
    }

    [Fact]
    public void An_unclosed_quote_at_the_end_is_flagged()
    {
        var records = ReadAll("a,\"unclosed\n");
        Assert.Single(records);
        Assert.True(records[0].Malformed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(16)]
    public void Tiny_buffers_give_the_same_records(int bufferSize)
    {
        // Every record and field boundary lands on a buffer edge at some size.
        string text = "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n123,,\"\"\n\"\"\"\",z\nlast";
        Assert.Equal(
            ReadAll(text).Select(r => string.Join("|", r.Fields) + r.Line),
            ReadAll(text, bufferSize).Select(r => string.Join("|", r.Fields) + r.Line));
    }

    [Fact]
    public void Other_delimiters_work()
    {
        Assert.Equal(["<a>", "1", "b", "c"], ReadAll("\"a\";1;b;c\n", delimiter: ';')[0].Fields);
    }

    [Fact]
    public void Raw_record_is_the_line_as_written()
    {
        var reader = new DelimitedRecordReader(new MemoryStream(Encoding.UTF8.GetBytes("a,\"b\"\r\nc\n")), (byte)',');
        Assert.True(reader.Read());
        Assert.Equal("a,\"b\"\r\n", Encoding.UTF8.GetString(reader.RawRecord));
        Assert.True(reader.Read());
        Assert.Equal("c\n", Encoding.UTF8.GetString(reader.RawRecord));
        Assert.False(reader.Read());
    }
}

using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

/// <summary>A file without line breaks is refused with its line number once a line passes 64 MiB,
/// instead of growing the buffer until memory runs out (an internal error on a 1 GB file).</summary>
public class LongLineTests
{
    private const string Good = "\"c1\",\"n1\",1.5,2,1,\"1\",\"a\",20240101\n\"c2\",\"n2\",1.5,2,1,\"1\",\"a\",20240101\n";

    [Theory]
    [InlineData((byte)'a')]  // valid UTF-8: the tokenizer meets the long line
    [InlineData((byte)0xE9)] // not UTF-8: the encoding pass meets it first, and must not grow either
    public void A_line_over_64_MiB_is_refused_naming_file_and_line(byte filler)
    {
        var bytes = new byte[Good.Length + DelimitedRecordReader.MaxLineBytes + 10];
        Encoding.ASCII.GetBytes(Good).CopyTo(bytes, 0);
        bytes.AsSpan(Good.Length).Fill(filler);
        var e = Assert.Throws<BankInsightException>(() =>
            CustomerDataLoader.Load(new MemoryStream(bytes), "/exports/blob.del", new DataLoadOptions(TestSchemas.Small), new CollectingSink()));
        Assert.Equal(ErrorIds.FileLayoutInvalid, e.ErrorId);
        Assert.Equal("Line 3 of blob.del runs over 64 MiB without a line break; a .del file has one row per line (a DB2 row is at most 32 KB). Is this the right file?", e.Message);
    }

    [Fact]
    public void A_long_line_below_the_limit_is_read()
    {
        string name = new('x', 3 << 20); // 3 MiB: over the 1 MiB buffer, far under the limit
        var sink = new CollectingSink();
        var data = CustomerDataLoader.Load(new MemoryStream(Encoding.ASCII.GetBytes(Good + $"\"c3\",\"{name}\",1.5,2,1,\"1\",\"a\",20240101\n")),
            "long.del", new DataLoadOptions(TestSchemas.Small), sink);
        Assert.Empty(sink.Errors);
        Assert.Equal(3, data.RowCount);
        Assert.Equal(name.Length, ((Data.Columns.TextColumn)data["name"])[2]!.Length);
    }
}

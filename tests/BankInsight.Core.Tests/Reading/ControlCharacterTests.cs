using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.ResultFiles;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

/// <summary>
/// Text that would break what is built on it is refused where it enters: a NUL, an escape code, a
/// line break inside a quoted field, a byte order mark in the middle of a file — one row rejected,
/// the column named, the value shown readably; and a result writer never writes such text.
/// </summary>
public class ControlCharacterTests
{
    private static readonly BankSchema Prospect = BuiltInSchemas.Get(BuiltInSchemas.CorporateProspect);
    private const string Good = "\"c1\",1,1,1,1,1,1,1,1,1,\"广东省东莞市\",\"广东省东莞市\"\n";

    [Theory]
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\0省\",\"广东\"\n", "U+0000 (NUL)", "广东\\u0000省")]
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\u001B[31m\",\"广东\"\n", "U+001B (escape)", "广东\\u001B[31m")]
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\n省\",\"广东\"\n", "U+000A (line feed)", "广东\\u000A省")]
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\t省\",\"广东\"\n", "U+0009 (tab)", "广东\\u0009省")]
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\u202E省\",\"广东\"\n", "U+202E", "广东\\u202E省")] // right-to-left override: reads other than stored
    [InlineData("\"c2\",1,1,1,1,1,1,1,1,1,\"广东\uFFFE\",\"广东\"\n", "U+FFFE", "广东\\uFFFE")]
    public void A_control_character_rejects_its_row_naming_the_column(string bad, string described, string shown)
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(Good + bad + Good.Replace("c1", "c3"), Prospect, sink);
        Assert.Equal(2, data.RowCount);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal(RejectReason.ControlCharacter, rejection.Reason);
        Assert.Equal("注册地址", rejection.Column);
        Assert.Contains(described, rejection.Message);
        Assert.Contains($"'{shown}'", rejection.Message);
        Assert.DoesNotContain(rejection.Message, c => c is < ' ' and not '\n' || c == '\u001B');
    }

    [Theory]
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u00AD")] // soft hyphen
    [InlineData("\u180E")] // Mongolian vowel separator
    [InlineData("\u00A0")] // no-break space
    public void An_invisible_character_inside_an_id_rejects_its_row_and_is_shown(string hidden)
    {
        // At the edges such characters are padding (trimmed for comparison, with a warning);
        // inside, "21\u200B16" and "2116" would look the same and be two customers.
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(Good + Good.Replace("c1", $"21{hidden}16") + Good.Replace("c1", "2116"), Prospect, sink);
        Assert.Equal(["c1", "2116"], data.Ids!.Values);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.ControlCharacter, 2, "客户编号"), (rejection.Reason, rejection.Line, rejection.Column));
        string code = $"\\u{(int)hidden[0]:X4}";
        Assert.Contains($"'21{code}16' is not valid; expected a customer id without invisible characters", rejection.Message);
    }

    [Fact]
    public void A_byte_order_mark_in_the_middle_of_a_file_rejects_that_row()
    {
        // Two exports concatenated: the second one's BOM now starts a line.
        var sink = new CollectingSink();
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Good), 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good.Replace("c1", "c2"))];
        var data = TestFiles.LoadBytes(bytes, Prospect, sink);
        Assert.Equal(1, data.RowCount);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal((RejectReason.ControlCharacter, 2), (rejection.Reason, rejection.Line));
        Assert.Contains("U+FEFF (byte order mark)", rejection.Message);
    }

    [Fact]
    public void A_result_writer_never_writes_text_that_would_break_a_line()
    {
        using var temp = new TempFolder();
        string path = temp.File("out.txt");
        File.WriteAllText(path, "last month\n");
        var e = Assert.Throws<BankInsightException>(() => BankResultWriter.WriteAll(path, [[ResultField.FromText("a")], [ResultField.FromText("b\r\nc")]]));
        Assert.Equal(ErrorIds.ResultValueInvalid, e.ErrorId);
        Assert.Contains("Line 2", e.Message);
        Assert.Contains("U+000D (carriage return)", e.Message);
        Assert.Equal("last month\n", File.ReadAllText(path));
    }
}

using BankInsight.ResultFiles;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.ResultFiles;

public class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", true)]
    [InlineData("+1", true)]
    [InlineData("-2+3", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("\tcmd", true)]
    [InlineData("\rcmd", true)]
    [InlineData("a=b", false)]
    [InlineData(" =1", false)] // a leading space is text to every spreadsheet
    [InlineData("'=1", false)] // already protected
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Knows_what_a_spreadsheet_reads_as_a_formula(string? text, bool formula) =>
        Assert.Equal(formula, SpreadsheetText.LooksLikeFormula(text));

    [Fact]
    public void Neutralize_adds_one_apostrophe_and_leaves_other_text_alone()
    {
        Assert.Equal("'=1+1", SpreadsheetText.Neutralize("=1+1"));
        Assert.Equal("'=1+1", SpreadsheetText.Neutralize(SpreadsheetText.Neutralize("=1+1")));
        Assert.Equal("深圳市", SpreadsheetText.Neutralize("深圳市"));
        Assert.Null(SpreadsheetText.Neutralize(null));
    }

    [Fact]
    public void The_result_writer_protects_text_only_when_asked_and_never_numbers()
    {
        using var temp = new TempFolder();
        string path = temp.File("r.txt");
        IReadOnlyList<ResultField> line = [ResultField.FromText("=cmd|' /C calc'!A0"), ResultField.FromNumber(-5.5), ResultField.FromText("a-b")];

        using (var plain = new BankResultWriter(path)) { plain.WriteLine(line); plain.Commit(); }
        Assert.Equal("\"=cmd|' /C calc'!A0\",-5.5,\"a-b\"\n", File.ReadAllText(path));

        using (var safe = new BankResultWriter(path) { SpreadsheetSafe = true }) { safe.WriteLine(line); safe.Commit(); }
        Assert.Equal("\"'=cmd|' /C calc'!A0\",-5.5,\"a-b\"\n", File.ReadAllText(path));
    }
}

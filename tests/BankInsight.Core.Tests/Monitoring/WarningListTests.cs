using System.Text;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Monitoring;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Monitoring;

/// <summary>Last month's warning list read as the bank received it, and what it realised, on a case counted by hand.</summary>
public class WarningListTests
{
    [Fact]
    public void The_first_field_of_each_line_is_the_id()
    {
        // Result lines, a scores line, a doubled quote, padding, a blank line, CRLF, a repeat.
        var list = WarningList.Parse("\"1001\"\r\n\"1002\",0.91,120000.5\n\n 1003 ,x\n\"10\"\"04\"\n\"1001\"\n\"1005.0\"\n\"1005\"\n", "w.txt");
        Assert.Equal(["1001", "1002", "1003", "10\"04", "1005.0"], list.Ids);
        Assert.Equal(2, list.Repeated); // 1001 again, and 1005 is 1005.0 written as the loader joins months
    }

    [Theory]
    [InlineData("\"1001\"\n\"1002\n", "line 2: the id's opening quote is never closed")]
    [InlineData("\"1001\"x\n", "line 1: text follows the closing quote of the id")]
    [InlineData("\"1001\"\n\"\"\n", "line 2: its first field is empty")]
    [InlineData("\"1001\",\"甲公司\",3,\"1\"\n", "line 1: it has 4 fields; a warning list has the customer id first and at most a probability and the assets at risk after it (is it a data file?)")]
    public void A_line_that_is_not_an_id_is_refused_with_its_number(string text, string expected)
    {
        var e = Assert.Throws<BankInsightException>(() => WarningList.Parse(text, "w.txt"));
        Assert.Equal(ErrorIds.FileLayoutInvalid, e.ErrorId);
        Assert.StartsWith($"The warning list 'w.txt', {expected}", e.Message);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_or_in_GB18030_is_read()
    {
        using var temp = new TempFolder();
        string utf8 = temp.File("bom.txt"), gbk = temp.File("gbk.txt");
        File.WriteAllText(utf8, "\"1001\"\n", new UTF8Encoding(true));
        Assert.Equal(["1001"], WarningList.Load(utf8).Ids);
        File.WriteAllBytes(gbk, Data.Reading.TextEncodings.Gb18030.GetBytes("\"客户1001\"\n"));
        Assert.Equal(["客户1001"], WarningList.Load(gbk).Ids);
        var missing = Assert.Throws<BankInsightException>(() => WarningList.Load(temp.File("none.txt")));
        Assert.Equal(ErrorIds.FileNotFound, missing.ErrorId);
    }

    [Fact]
    public void Realised_precision_and_recall_on_a_hand_counted_month()
    {
        // customer  1001 1002 1003 1004 1005 1006 1007 1008 1009 1010
        // churned?   yes  yes  no   no   ?    yes  no   no   no   yes     (? = no outcome)
        // warned     ×    ×    ×    ×    ×    ×(as 1006.0)                plus 9999, not a customer
        // Warned with an outcome: 1001 1002 1003 1004 1006 → 3 churned of 5: precision 0.6.
        // Churned with an outcome: 1001 1002 1006 1010 → 3 warned of 4: recall 0.75. Rate 4 of 9.
        var month = TestFiles.LoadText(string.Concat(Enumerable.Range(1001, 10).Select(i => $"\"{i}\",,1,1,1,\"1\",\"a\",\n")), TestSchemas.Small, new CollectingSink());
        bool?[] labels = [true, true, false, false, null, true, false, false, false, true];
        var list = WarningList.Parse("\"1001\"\n\"1002\"\n\"1003\"\n\"1004\"\n\"1005\"\n\"1006.0\"\n\"9999\"\n", "w.txt");
        var counts = RealisedWarnings.Count(list, month, labels);
        Assert.Equal(7, counts.Warned);
        Assert.Equal(1, counts.NotInData);
        Assert.Equal(["9999"], counts.NotInDataExamples);
        Assert.Equal(1, counts.Unlabelled);
        Assert.Equal(3, counts.WarnedChurned);
        Assert.Equal(2, counts.WarnedStayed);
        Assert.Equal(9, counts.Labelled);
        Assert.Equal(4, counts.Churned);
        Assert.Equal(0.6, counts.Precision);
        Assert.Equal(0.75, counts.Recall);
        Assert.Equal(4 / 9.0, counts.ChurnRate);
    }

    [Fact]
    public void No_warning_with_an_outcome_or_no_churner_gives_NaN_not_a_division_by_zero()
    {
        var month = TestFiles.LoadText("\"1\",,1,1,1,\"1\",\"a\",\n\"2\",,1,1,1,\"1\",\"a\",\n", TestSchemas.Small, new CollectingSink());
        var counts = RealisedWarnings.Count(WarningList.Parse("", "empty.txt"), month, [false, false]);
        Assert.Equal(0, counts.Warned);
        Assert.True(double.IsNaN(counts.Precision));
        Assert.True(double.IsNaN(counts.Recall));
        Assert.Equal(0, counts.ChurnRate);
    }
}

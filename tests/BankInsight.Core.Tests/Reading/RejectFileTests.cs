using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

public class RejectFileTests
{
    private const string Good = "\"c1\",\"n\",1,1,1,\"1\",\"a\",20240101\n";
    private const string Bad1 = "\"c2\",\"n\",oops,1,1,\"1\",\"a\",20240101\r\n";
    private const string Bad2 = "\"c3\",\"quote \"\" inside\",1,1,9,\"1\",\"a\",20240101";

    [Fact]
    public void Rejected_lines_are_written_verbatim()
    {
        using var temp = new TempFolder();
        string input = temp.File("in.del"), rejects = temp.File("rejects.del");
        File.WriteAllText(input, Good + Bad1 + Good.Replace("c1", "c4") + Bad2, new UTF8Encoding(false));
        var data = CustomerDataLoader.Load(input, new DataLoadOptions(TestSchemas.Small) { RejectPath = rejects }, new CollectingSink());
        Assert.Equal(2, data.RowCount);
        // CRLF kept; the last line gets the newline it lacked so the file stays line-per-record.
        Assert.Equal(Bad1 + Bad2 + "\n", File.ReadAllText(rejects));
        Assert.Equal(rejects, data.Summary.RejectPath);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Rejected_lines_can_be_reloaded_after_the_header_and_bom()
    {
        using var temp = new TempFolder();
        string input = temp.File("in.csv"), rejects = temp.File("rejects.csv");
        var content = "\uFEFFid,name,amount\nc1,n,1\nc2,n,bad\n";
        File.WriteAllText(input, content, new UTF8Encoding(false));
        CustomerDataLoader.Load(input, new DataLoadOptions(TestSchemas.Small) { RejectPath = rejects }, new CollectingSink());
        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFFid,name,amount\nc2,n,bad\n"), File.ReadAllBytes(rejects));

        var again = CustomerDataLoader.Load(rejects, new DataLoadOptions(TestSchemas.Small), new CollectingSink());
        Assert.True(again.Summary.HadHeader);
        Assert.Equal(1, again.Summary.RowsRejected);
    }

    [Fact]
    public void A_clean_file_still_replaces_last_months_reject_file()
    {
        using var temp = new TempFolder();
        string input = temp.File("in.del"), rejects = temp.File("rejects.del");
        File.WriteAllText(input, Good);
        File.WriteAllText(rejects, "stale lines from last month\n");
        CustomerDataLoader.Load(input, new DataLoadOptions(TestSchemas.Small) { RejectPath = rejects }, new CollectingSink());
        Assert.Equal("", File.ReadAllText(rejects));
    }

    [Fact]
    public void A_failed_load_leaves_the_old_reject_file_alone()
    {
        using var temp = new TempFolder();
        string input = temp.File("in.del"), rejects = temp.File("rejects.del");
        File.WriteAllText(input, "1,2\n3,4\n5,6\n");
        File.WriteAllText(rejects, "old\n");
        Assert.Throws<BankInsightException>(() => CustomerDataLoader.Load(input, new DataLoadOptions(TestSchemas.Small) { RejectPath = rejects }, new CollectingSink()));
        Assert.Equal("old\n", File.ReadAllText(rejects));
        Assert.Single(Directory.GetFiles(temp.Path, "rejects*"));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void A_reject_file_in_a_missing_folder_is_a_clear_error()
    {
        using var temp = new TempFolder();
        string input = temp.File("in.del");
        File.WriteAllText(input, Good);
        var e = Assert.Throws<BankInsightException>(() => CustomerDataLoader.Load(input,
            new DataLoadOptions(TestSchemas.Small) { RejectPath = temp.File("no/such/dir/r.del") }, new CollectingSink()));
        Assert.Equal(ErrorIds.OutputWriteFailed, e.ErrorId);
        Assert.Contains("does not exist", e.Message);
    }
}

using BankInsight.Cli;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

public class CliTests
{
    [Fact]
    public void Validate_a_clean_file_exits_0()
    {
        using var temp = new TempFolder();
        string file = temp.File("retail.del");
        Assert.Equal(0, Run("generate", "--schema", "Retail", "--rows", "300", "--output", file).Exit);
        var (exit, output, error) = Run("validate", "--schema", "Retail", "--input_data_path", file);
        Assert.Equal(0, exit);
        Assert.Contains("rows read:       300", output);
        Assert.Contains("rows rejected:   0", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Validate_with_rejected_rows_exits_3_and_writes_the_reject_file()
    {
        using var temp = new TempFolder();
        string rejects = temp.File("rejects.del");
        var (exit, output, error) = Run("validate", "--schema", "ProspectRelation",
            "--input_data_path", TestFiles.Reference("potential_customer_relation.del"), "--reject_path", rejects);
        Assert.Equal(3, exit);
        Assert.Contains("rows loaded:     509", output);
        Assert.Contains("  NotInValueList   2", output);
        Assert.Contains("dropped columns: 上级关系类型, 关系内容, 营业执照", output);
        Assert.Contains("error: potential_customer_relation.del, line 509, column 8 (是否我行客户): '2' is not valid; expected 0 or 1.", error);
        // The two rejected lines, verbatim, after the input's BOM.
        var input = File.ReadAllLines(TestFiles.Reference("potential_customer_relation.del"));
        Assert.Equal([input[508], input[509]], File.ReadAllLines(rejects));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(rejects)[..3]);
    }

    [Fact]
    public void Validate_caps_the_listed_errors_but_counts_all()
    {
        var (exit, output, error) = Run("validate", "--schema", "CorporateChurn", "--input_data_path", TestFiles.Reference("customer_losing.del"));
        Assert.Equal(3, exit);
        Assert.Contains("  DuplicateId      162", output);
        Assert.Equal(20, error.Split('\n').Count(l => l.StartsWith("error: customer_losing.del", StringComparison.Ordinal)));
        Assert.Contains("further errors are counted in the summary", error);
    }

    [Fact]
    public void A_missing_input_file_exits_2_with_one_line_and_no_stack_trace()
    {
        var (exit, output, error) = Run("validate", "--schema", "Retail", "--input_data_path", "/no/such/file.del");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("bankinsight: error: Data file '/no/such/file.del' does not exist.", error.Trim());
        Assert.DoesNotContain(" at ", error);
    }

    [Fact]
    public void The_wrong_schema_exits_2()
    {
        var (exit, _, error) = Run("validate", "--schema", "Retail", "--input_data_path", TestFiles.Reference("potential_customer.del"));
        Assert.Equal(2, exit);
        Assert.Contains("has 12 fields per line but schema Retail has 134 columns", error);
    }

    [Fact]
    public void Bad_arguments_exit_2()
    {
        Assert.Equal(2, Run("validate", "--schema", "Retail").Exit);
        Assert.Equal(2, Run("generate", "--schema", "Nope", "--rows", "1", "--output", "x").Exit);
        Assert.Equal(2, Run("frobnicate").Exit);
        var (exit, _, error) = Run("validate", "--schema", "Retail", "--input_data_path", "x", "--encoding", "latin1");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown encoding 'latin1'", error);
    }

    [Fact]
    public void Generate_is_deterministic_and_supports_gb18030()
    {
        using var temp = new TempFolder();
        string a = temp.File("a.del"), b = temp.File("b.del"), gb = temp.File("gb.del");
        var (exit, output, _) = Run("generate", "--schema", "CorporateChurn", "--rows", "200", "--seed", "9", "--output", a);
        Assert.Equal(0, exit);
        Assert.StartsWith("wrote 200 CorporateChurn customers", output);
        Run("generate", "--schema", "CorporateChurn", "--rows", "200", "--seed", "9", "--output", b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Run("generate", "--schema", "CorporateChurn", "--rows", "200", "--seed", "9", "--output", gb, "--encoding", "gb18030");
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(gb));
        Assert.Contains("encoding:        gb18030 (detected)", Run("validate", "--schema", "CorporateChurn", "--input_data_path", gb).Out);
    }

    [Fact]
    public void Schema_lists_and_shows_and_prints_json()
    {
        var list = Run("schema");
        Assert.Equal(0, list.Exit);
        Assert.Contains("Retail                 134  27477fef90b8bb56", list.Out);
        var retail = Run("schema", "--name", "Retail");
        Assert.Contains("product 3 基金和积利宝 (FundAndJilibao) ← 基金余额 | 积利宝余额", retail.Out);
        var json = Run("schema", "--name", "CorporateProspect", "--json");
        Assert.StartsWith("{", json.Out);
        Assert.Equal("169678b4c1ebaf9c", BankInsight.Data.Schemas.SchemaJson.Parse(json.Out, "cli").Fingerprint);
    }

    [Fact]
    public void A_broken_schema_file_exits_2_naming_the_problem()
    {
        using var temp = new TempFolder();
        string path = temp.File("bad.json");
        File.WriteAllText(path, """{"name":"X","columns":[{"name":"a","type":"decimal"}]}""");
        var (exit, _, error) = Run("schema", "--name", path);
        Assert.Equal(2, exit);
        Assert.Contains("column 1 ('a') has unknown type 'decimal'", error);
    }
}

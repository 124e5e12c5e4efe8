using System.Text.RegularExpressions;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary>
/// The old delivery's four scripts as runner commands: the documented one-line swap runs on the
/// reference samples and writes the layout of the old example outputs.
/// </summary>
public partial class LegacyCliTests
{
    // A line's shape: each quoted field as Q, each bare one as N — "a","4" is Q,Q.
    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex Quoted();

    private static string Shape(string line) => string.Join(",", Quoted().Replace(line, "Q").Split(',').Select(f => f == "Q" ? "Q" : "N"));

    private static void SameLayoutAsTheOldExample(string output, string example, string codePattern)
    {
        var lines = File.ReadAllLines(output);
        var old = File.ReadAllLines(TestFiles.Reference(example));
        Assert.NotEmpty(lines);
        Assert.Single(old.Select(Shape).Distinct());
        Assert.All(lines, l => Assert.Equal(Shape(old[0]), Shape(l)));
        // The values the old example has in its code field(s) are the kind ours writes there.
        Assert.All(old, l => Assert.Matches(codePattern, l));
        Assert.All(lines, l => Assert.Matches(codePattern, l));
        Assert.DoesNotContain(lines, l => l.Contains("\r", StringComparison.Ordinal));
    }

    [Fact]
    public void customer_losing_runs_on_the_reference_sample_and_writes_the_old_layout()
    {
        using var temp = new TempFolder();
        string output = temp.File("customer_losing.txt");
        var (exit, stdout, stderr) = Run("customer_losing", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", output);
        Assert.Equal(3, exit); // 16 rows cannot be read (企业规模 like '100150.0'): done, with rows rejected
        Assert.Contains("note: 16 of 188 rows of", stderr);
        Assert.Contains("look like floating-point renderings", stderr);
        Assert.StartsWith("scored 172 customers;", stdout);
        SameLayoutAsTheOldExample(output, "example_output_customer_losing.txt", "^\"[0-9.]+\"$");

        // The modern command with the old script's defaults writes the same bytes.
        string modern = temp.File("modern.txt");
        Assert.Equal(3, Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", modern,
            "--duplicate_ids", "keep", "--max_rejected_share", "1").Exit);
        Assert.Equal(File.ReadAllBytes(modern), File.ReadAllBytes(output));
        // Without them the modern command refuses the file, as it should a month whose ids collapsed.
        Assert.Equal(2, Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", temp.File("refused.txt")).Exit);
    }

    [Fact]
    public void legacy_exit_codes_turn_rows_rejected_into_0_and_still_count_them()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = Run("customer_losing", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", temp.File("c.txt"), "--legacy_exit_codes");
        Assert.Equal(0, exit);
        Assert.Contains("note: 16 of 188 rows of", stderr);
        // Unusable input is still a failure: a scheduler must not read a missing file as done.
        Assert.Equal(2, Run("customer_losing", "--input_data_path", temp.File("missing.del"), "--output_data_path", temp.File("c.txt"), "--legacy_exit_codes").Exit);
        // Every job command takes it, the modern ones too.
        Assert.Equal(0, Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", temp.File("m.txt"),
            "--duplicate_ids", "keep", "--legacy_exit_codes").Exit);
    }

    [Fact]
    public void customer_potential_takes_the_two_old_inputs_and_writes_the_old_layout()
    {
        using var temp = new TempFolder();
        string output = temp.File("customer_potential.txt");
        var (exit, stdout, stderr) = Run("customer_potential", "--input_data_path1", TestFiles.Reference("potential_customer.del"),
            "--input_data_path2", TestFiles.Reference("potential_customer_relation.del"), "--output_data_path", output);
        Assert.Equal(3, exit);
        Assert.StartsWith("scored 188 companies;", stdout);
        // The reference relation file names none of the sample's companies: said, not fatal, as the old script never read it.
        Assert.Contains("No company of", stderr);
        SameLayoutAsTheOldExample(output, "example_output_customer_potential.txt", "^\"[0-9.]+\"$");
    }

    [Fact]
    public void cross_selling_mines_per_segment_and_writes_one_pair_per_line()
    {
        using var temp = new TempFolder();
        string retail = temp.File("retail_customer.del");
        Assert.Equal(0, Run("generate", "--schema", "Retail", "--rows", "5000", "--seed", "4", "--output", retail).Exit);
        string output = temp.File("cross_selling.txt");
        var (exit, stdout, _) = Run("cross_selling", "--input_data_path", retail, "--output_data_path", output);
        Assert.Equal(0, exit);
        Assert.Contains("recommendations for", stdout);
        SameLayoutAsTheOldExample(output, "example_output_cross_selling.txt", "^\"[^\"]+\",\"[1-8]\"$");

        string modern = temp.File("modern.txt");
        Assert.Equal(0, Run("cross-sell", "--input_data_path", retail, "--output_data_path", modern, "--per_cluster").Exit);
        Assert.Equal(File.ReadAllBytes(modern), File.ReadAllBytes(output));
        string overall = temp.File("overall.txt");
        Assert.Equal(0, Run("cross_selling", "--input_data_path", retail, "--output_data_path", overall, "--per_cluster", "false").Exit);
        Assert.NotEqual(File.ReadAllBytes(overall), File.ReadAllBytes(output));
    }

    [Fact]
    public void product_mining_writes_both_lists_in_the_old_layout()
    {
        using var temp = new TempFolder();
        string retail = temp.File("retail_customer.del");
        Assert.Equal(0, Run("generate", "--schema", "Retail", "--rows", "5000", "--seed", "4", "--output", retail).Exit);
        string output = temp.File("product_mining.txt");
        Assert.Equal(0, Run("product_mining", "--input_data_path", retail, "--output_data_path", output).Exit);
        SameLayoutAsTheOldExample(output, "example_output_product_mining.txt", "^\"0[12]\",\"[^\"]+\"$");
        var products = File.ReadAllLines(output).Select(l => l[..4]).Distinct().Order().ToList();
        Assert.Equal(["\"01\"", "\"02\""], products);
    }

    [Fact]
    public void The_old_names_are_listed_and_their_help_says_what_they_default_to()
    {
        var (_, stdout, _) = Run("--help");
        foreach (var name in new[] { "customer_losing", "customer_potential", "cross_selling", "product_mining" })
            Assert.Matches($"(?m)^  {name} +The old {name}\\.py:", stdout);
        var help = Run("cross_selling", "--help").Out;
        Assert.Contains("--input_data_path", help);
        Assert.Contains("--output_data_path", help);
        Assert.Matches(@"--per_cluster[^\n]*\n?[^\n]*Default here on, as the old script did\.", help);
        Assert.Contains("--legacy_exit_codes", help);
        Assert.Matches(@"--duplicate_ids[^\n]*\n?[^\n]*Default here keep", help);
        Assert.Matches(@"--max_rejected_share[^\n]*\n?[^\n]*Default here 1", help);
        Assert.DoesNotMatch(@"--max_rejected_share[^\n]*\(default 0\.5\)", help);
        var potential = Run("customer_potential", "--help").Out;
        Assert.Contains("--input_data_path1", potential);
        Assert.Contains("--input_data_path2", potential);
    }
}

using System.CommandLine;
using BankInsight.Cli;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary>
/// "NaN" and "Infinity" parse as numbers: every number option of every runner command refuses
/// them, naming the option, before any file is read (a NaN threshold used to flag nobody: an empty
/// list at exit 0).
/// </summary>
public class NumberOptionTests
{
    private static IEnumerable<(string Path, Command Leaf)> Commands()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, default);
        foreach (var command in new[] { ChurnCommand.Create(context), ProspectCommand.Create(context), ClusterCommand.Create(context),
                     RetailCommands.Rules(context), RetailCommands.CrossSell(context), RetailCommands.ProductMining(context) })
        {
            if (command.Subcommands.Count == 0) yield return (command.Name, command);
            foreach (var leaf in command.Subcommands) yield return ($"{command.Name} {leaf.Name}", leaf);
        }
    }

    public static TheoryData<string, string> NumberOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, leaf) in Commands())
            foreach (var option in leaf.Options.Where(o => o.ValueType == typeof(double) || o.ValueType == typeof(double?)))
                data.Add(path, option.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumberOptions))]
    public void Refuses_NaN_and_infinities(string command, string option)
    {
        var leaf = Commands().Single(c => c.Path == command).Leaf;
        foreach (string value in new[] { "NaN", "Infinity", "-Infinity" })
        {
            // Every required option gets a path that does not exist: reading anything before checking
            // the numbers would report the missing file instead.
            var args = command.Split(' ').Concat(leaf.Options.Where(o => o.Required).SelectMany(o => new[] { o.Name, "/no/such/file" })).Concat([option, value]);
            var (exit, _, err) = Run([.. args]);
            Assert.Equal(2, exit);
            Assert.Contains($"{option} must be a finite number (got {value})", err);
        }
    }

    [Theory]
    [MemberData(nameof(NumberOptions))]
    public void Refuses_a_decimal_comma_that_would_read_as_thousands(string command, string option)
    {
        var leaf = Commands().Single(c => c.Path == command).Leaf;
        var args = command.Split(' ').Concat(leaf.Options.Where(o => o.Required).SelectMany(o => new[] { o.Name, "/no/such/file" })).Concat([option, "0,5"]);
        var (exit, _, err) = Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Equal($"bankinsight: error: {option} takes a number with '.' for decimals and no thousands separators (got '0,5').", err.Trim());
    }

    [Theory]
    [InlineData("churn predict", "--probability_threshold", "1.5", "--probability_threshold must be in (0, 1) (got 1.5).")]
    [InlineData("product-mining", "--top", "0", "--top must be at least 1 (got 0).")]
    [InlineData("product-mining", "--min_score", "2", "--min_score must be between 0 and 1 (got 2).")]
    public void A_value_out_of_range_is_named_as_the_option_not_as_the_core_calls_it(string command, string option, string value, string message)
    {
        using var temp = new Support.TempFolder();
        string schema = command.StartsWith("churn", StringComparison.Ordinal) ? "CorporateChurn" : "Retail";
        Assert.Equal(0, Run("generate", "--schema", schema, "--rows", "300", "--seed", "3", "--output", temp.File("in.del")).Exit);
        var (exit, _, err) = Run([.. command.Split(' '), "--input_data_path", temp.File("in.del"), "--output_data_path", temp.File("out.txt"), option, value]);
        Assert.Equal(2, exit);
        Assert.Equal($"bankinsight: error: {message}", err.Trim());
    }

    [Fact]
    public void Covers_the_thresholds_that_once_emptied_results()
    {
        var options = NumberOptions().Select(row => $"{row[0]} {row[1]}").ToList();
        Assert.Contains("churn predict --probability_threshold", options);
        Assert.Contains("product-mining --min_score", options);
        Assert.Contains("churn evaluate --threshold", options);
        Assert.Contains("churn predict --max_rejected_share", options);
    }
}

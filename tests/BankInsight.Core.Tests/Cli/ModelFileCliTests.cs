using BankInsight.Jobs;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;
using static BankInsight.Tests.Learners.ModelFileHardeningTests;

namespace BankInsight.Tests.Cli;

/// <summary>A damaged or hostile model file ends the runner with exit 2 and one line saying why — not exit 1 (a bug) or 134 (out of memory).</summary>
public class ModelFileCliTests
{
    private static string Shipped(string name) => File.ReadAllText(ShippedModels.Locate(name));

    private static void AssertOneLineRefusal(int exit, string stdout, string stderr, string path, string expected)
    {
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith($"bankinsight: error: Model file '{path}' cannot be used: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("Exception", stderr); // no exception type, no stack trace
    }

    [Theory]
    [InlineData("gbdt", "tree_count", "2147483647")]
    [InlineData("settings", "decision_threshold", "NaN")]
    [InlineData("gbdt", "base_score", "NaN")]
    [InlineData("features", "features", "268435456")]
    public void Churn_predict_with_a_tampered_model_exits_2_with_one_line(string section, string key, string value)
    {
        using var temp = new TempFolder();
        string model = temp.File("tampered.model");
        File.WriteAllText(model, Forge(Shipped(ShippedModels.Churn), b => Set(b, section, key, value)));
        var (exit, stdout, stderr) = Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"),
            "--output_data_path", temp.File("out.txt"), "--model", model);
        AssertOneLineRefusal(exit, stdout, stderr, model, $"[{section}] {key}={value}");
        Assert.False(File.Exists(temp.File("out.txt")));
    }

    [Fact]
    public void Churn_predict_with_an_oversized_model_exits_2_naming_both_sizes()
    {
        using var temp = new TempFolder();
        string model = temp.File("huge.model");
        using (var file = File.Create(model)) file.SetLength(1_200_000_000); // sparse
        var (exit, stdout, stderr) = Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"),
            "--output_data_path", temp.File("out.txt"), "--model", model);
        AssertOneLineRefusal(exit, stdout, stderr, model, "it is 1200000000 bytes, more than the 268435456 bytes");
    }

    [Fact]
    public void Cluster_assign_with_NaN_centres_exits_2_with_one_line()
    {
        using var temp = new TempFolder();
        string model = temp.File("nan.model");
        File.WriteAllText(model, Forge(Shipped(ShippedModels.Retail), b => SetItem(b, "kmeans", "centre.1", 0, "NaN")));
        var (exit, stdout, stderr) = Run("cluster", "assign", "--input_data_path", TestFiles.Reference("customer_losing.del"),
            "--output_data_path", temp.File("out.txt"), "--model", model);
        AssertOneLineRefusal(exit, stdout, stderr, model, "[kmeans] centre.1: item 1 (NaN)");
    }

    [Fact]
    public void Churn_predict_with_a_model_copied_through_Windows_runs()
    {
        using var temp = new TempFolder();
        string model = temp.File("crlf.model");
        File.WriteAllText(model, Shipped(ShippedModels.Churn).Replace("\n", "\r\n"), new System.Text.UTF8Encoding(true)); // CRLF and a BOM
        var (exit, stdout, _) = Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"),
            "--output_data_path", temp.File("out.txt"), "--model", model, "--max_rejected_share", "1");
        Assert.Equal(3, exit); // as with the shipped model itself: done, some reference rows rejected
        Assert.Contains("scored 10 customers", stdout);
    }
}

using System.Text.Json;
using BankInsight.Cli;
using BankInsight.Results;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

public class RetailCliTests
{
    // The runner's JSON names the objects' properties in camelCase (ConvertFrom-Json reads either).
    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Retail(TempFolder temp, int rows = 3000)
    {
        string path = temp.File("retail.del");
        Assert.Equal(0, Run("generate", "--schema", "Retail", "--rows", rows.ToString(), "--seed", "21", "--output", path).Exit);
        return path;
    }

    [Fact]
    public void Cluster_train_assign_and_profile()
    {
        using var temp = new TempFolder();
        string data = Retail(temp), model = temp.File("seg.model"), assigned = temp.File("clusters.txt");
        var train = Run("cluster", "train", "--input_data_path", data, "--model", model, "--clusters", "4", "--init_count", "2", "--json");
        Assert.Equal(0, train.Exit);
        var json = JsonDocument.Parse(train.Out).RootElement;
        Assert.Equal(typeof(SegmentationResult).GetProperties().Where(p => p.Name != "Model").Select(p => Camel(p.Name)).Order(), json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(4, json.GetProperty("clusterCount").GetInt32());

        var assign = Run("cluster", "assign", "--input_data_path", data, "--model", model, "--output_data_path", assigned);
        Assert.Equal(0, assign.Exit);
        var lines = File.ReadAllLines(assigned);
        Assert.Equal(3000, lines.Length);
        Assert.All(lines, l => Assert.Matches("^\"[0-9]+\",[1-4]$", l));

        var profile = Run("cluster", "profile", "--input_data_path", data, "--model", model, "--json");
        Assert.Equal(0, profile.Exit);
        var rows = JsonDocument.Parse(profile.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(3000, rows.Sum(r => r.GetProperty("customers").GetInt32()));
        Assert.True(rows[0].TryGetProperty("存款持有率", out _));
    }

    [Fact]
    public void Rules_json_has_the_property_names_of_the_rule_objects()
    {
        using var temp = new TempFolder();
        var (exit, stdout, _) = Run("rules", "--input_data_path", Retail(temp), "--json", "--per_cluster");
        Assert.Equal(0, exit);
        var rules = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(rules);
        Assert.Equal(typeof(CrossSellRule).GetProperties().Select(p => Camel(p.Name)).Order(), rules[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.All(rules, r => Assert.True(r.GetProperty("cluster").GetInt32() >= 1));
        Assert.Contains(rules, r => r.GetProperty("antecedents").EnumerateArray().Any(a => a.GetString() == "存款") || r.GetProperty("consequents").EnumerateArray().Any(a => a.GetString() == "存款"));
    }

    [Fact]
    public void Rules_thresholds_and_algorithm_are_options()
    {
        using var temp = new TempFolder();
        string data = Retail(temp);
        var strict = Run("rules", "--input_data_path", data, "--min_confidence", "0.8", "--json");
        var apriori = Run("rules", "--input_data_path", data, "--min_confidence", "0.8", "--algorithm", "apriori", "--json");
        Assert.Equal(strict.Out, apriori.Out);
        var strictRules = JsonDocument.Parse(strict.Out).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(strictRules);
        Assert.All(strictRules, r => Assert.True(r.GetProperty("confidence").GetDouble() >= 0.8));
        var bad = Run("rules", "--input_data_path", data, "--min_confidence", "1.5");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--min_confidence must be between 0 and 1 (got 1.5)", bad.Err);
    }

    [Fact]
    public void Cross_sell_writes_id_and_product_codes()
    {
        using var temp = new TempFolder();
        string output = temp.File("cross.txt");
        var (exit, stdout, _) = Run("cross-sell", "--input_data_path", Retail(temp), "--output_data_path", output, "--per_cluster", "--top", "2");
        Assert.Equal(0, exit);
        Assert.Contains("recommendations for", stdout);
        var lines = File.ReadAllLines(output);
        Assert.NotEmpty(lines);
        // The old delivery's layout: one "客户编号","代码" pair per line, a customer's lines together.
        Assert.All(lines, l => Assert.Matches("^\"[0-9]+\",\"[1-8]\"$", l));
        var ids = lines.Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Where((id, i) => i == 0 || ids[i - 1] != id).Count());
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Matches(@"^[\d,]+ recommendations for [\d,]+ of [\d,]+ customers \([\d,]+ lines\), written to ", stdout);

        // --join_product_codes: a recommendation per line, codes joined; the same pairs.
        string joined = temp.File("joined.txt");
        Assert.Equal(0, Run("cross-sell", "--input_data_path", Retail(temp), "--output_data_path", joined, "--per_cluster", "--top", "2", "--join_product_codes").Exit);
        var joinedLines = File.ReadAllLines(joined);
        Assert.All(joinedLines, l => Assert.Matches("^\"[0-9]+\",\"[1-8](,[1-8])*\"$", l));
        Assert.True(joinedLines.GroupBy(l => l.Split(',')[0]).All(g => g.Count() <= 2));
        var split = joinedLines.SelectMany(l => { var f = l.Split("\",\""); return f[1].TrimEnd('"').Split(',').Select(c => $"{f[0]}\",\"{c}\""); });
        Assert.Equal(lines, split);
    }

    [Fact]
    public void Spreadsheet_safe_gives_formula_like_ids_an_apostrophe_and_is_off_by_default()
    {
        using var temp = new TempFolder();
        // Every customer id made to start with '=': what a spreadsheet would run as a formula.
        string data = temp.File("formula-ids.del");
        File.WriteAllLines(data, File.ReadAllLines(Retail(temp)).Select(l => "\"=" + l[1..]));
        string output = temp.File("cross.txt");

        Assert.Equal(0, Run("cross-sell", "--input_data_path", data, "--output_data_path", output, "--per_cluster").Exit);
        var plain = File.ReadAllLines(output);
        Assert.NotEmpty(plain);
        Assert.All(plain, l => Assert.StartsWith("\"=", l));

        Assert.Equal(0, Run("cross-sell", "--input_data_path", data, "--output_data_path", output, "--per_cluster", "--spreadsheet_safe").Exit);
        var safe = File.ReadAllLines(output);
        Assert.Equal(plain.Select(l => "\"'" + l[1..]), safe);
    }

    [Fact]
    public void Product_mining_writes_code_and_id_pairs_without_duplicates()
    {
        using var temp = new TempFolder();
        string data = Retail(temp), output = temp.File("mining.txt");
        var (exit, stdout, _) = Run("product-mining", "--input_data_path", data, "--output_data_path", output);
        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(output);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches("^\"0[12]\",\"[0-9]+\"$", l));
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Contains("01: ", stdout);

        var rules = Run("product-mining", "--input_data_path", data, "--output_data_path", output, "--method", "rules", "--products", "Insurance");
        Assert.Equal(0, rules.Exit);
        var insurance = File.ReadAllLines(output);
        Assert.NotEmpty(insurance);
        Assert.All(insurance, l => Assert.StartsWith("\"02\",", l));

        var unknown = Run("product-mining", "--input_data_path", data, "--output_data_path", output, "--products", "Gold");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("Unknown product 'Gold'", unknown.Err);
    }

    [Fact]
    public void A_corporate_file_read_as_retail_is_refused_not_crashed()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = Run("rules", "--input_data_path", TestFiles.Reference("customer_losing.del"));
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("customer_losing.del", stderr);
    }
}
